"""`reader feed URL|FILE [--json]` and `reader feed add|list|remove|update`.

`reader feed SOURCE` prints a feed's items newest first (with `--json` the
object `{"title", "link", "items": [{"title", "link", "date", "author",
"summary"}]}` on one line). The subscriptions live in `feeds.json` in the data
directory: `add` subscribes (the items there now count as seen), `list` shows
them, `remove` drops one, `update` fetches them and prints the new items'
count per feed; with `--add` the new items' articles go into the library as
`reader add` puts them (the content the feed carries, else the http(s) link read
through the document layer; an item that fails is one line, the rest go on, and
one whose article could not be fetched or read is offered again next update).
Every line of outside text goes through `one_line`; errors a user can cause are
one line on stderr and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence

from reader.add_cmd import add_sources, summary
from reader.cli_common import parse_jobs
from reader.errors import InputError
from reader.feeds import Feed, Subscription, Subscriptions, UpdateResult, read_feed, update
from reader.feeds.articles import item_article
from reader.feeds.subscriptions import find, normal_source
from reader.feeds.update import retry_later
from reader.library.library import Library
from reader.safe_text import one_line

ACTIONS = ("add", "list", "remove", "update")
SUMMARY_WIDTH = 160


def _show_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader feed",
        description="Print a feed's items (RSS 2.0, RSS 1.0 or Atom), newest first. "
        "Also: 'reader feed add|list|remove|update' for subscriptions "
        "(a file named like an action: write ./add).",
    )
    parser.add_argument("source", help="feed file path or http(s) URL")
    parser.add_argument("--json", action="store_true", help="print the feed as JSON")
    return parser


def _action_parser(action: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"reader feed {action}")
    if action == "add":
        parser.description = "Subscribe to a feed; its current items count as seen."
        parser.add_argument("source", help="feed file path or http(s) URL")
    elif action == "remove":
        parser.description = "Unsubscribe from a feed."
        parser.add_argument("source", help="the feed's URL or path, as 'reader feed list' shows")
    elif action == "list":
        parser.description = "List the subscribed feeds."
        parser.add_argument("--json", action="store_true", help="print the list as JSON")
    else:
        parser.description = "Fetch subscribed feeds and print how many items are new in each."
        parser.add_argument("sources", nargs="*", help="only these feeds (default: all)")
        parser.add_argument("--all", action="store_true", help="every subscribed feed")
        parser.add_argument(
            "--add",
            action="store_true",
            help="put the new items' articles into the library, as 'reader add' does",
        )
        parser.add_argument(
            "--jobs", type=parse_jobs, metavar="N", help="worker processes for --add"
        )
        parser.add_argument("--db", metavar="PATH", help="note store file (with --add)")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run `reader feed ...`; return the exit code (ReaderError is left to the caller)."""
    args = list(argv)
    if args and args[0] in ACTIONS:
        options = _action_parser(args[0]).parse_args(args[1:])
        return int(_ACTIONS[args[0]](options))
    options = _show_parser().parse_args(args)
    feed = read_feed(options.source)
    if not feed.items:
        raise InputError(f"{one_line(options.source)} is a feed without items")
    if options.json:
        print(json.dumps(feed.to_json(), ensure_ascii=False))
    else:
        _print_feed(feed)
    return 0


def _print_feed(feed: Feed) -> None:
    heading = feed.title or feed.source
    print(one_line(f"{heading}  {feed.link}".rstrip()))
    for item in feed.items:
        date = (item.date or "")[:16].replace("T", " ") or "-"
        by = f"  ({item.author})" if item.author else ""
        print(one_line(f"{date:<16}  {item.title or '(untitled)'}{by}"))
        if item.link:
            print(one_line(f"{'':16}  {item.link}"))
        if item.summary:
            short = textwrap.shorten(item.summary, width=SUMMARY_WIDTH, placeholder=" ...")
            print(one_line(f"{'':16}  {short}"))


def _add(options: argparse.Namespace) -> int:
    source = normal_source(options.source)
    feed = read_feed(source)
    store = Subscriptions()
    with store.editing() as feeds:
        if find(feeds, source) is not None:
            print(one_line(f"already subscribed: {source}"))
            return 0
        subscription = Subscription(source, feed.title)
        subscription.remember([item.id for item in reversed(feed.items)])
        feeds.append(subscription)
    print(one_line(f"subscribed to {feed.title or source} ({len(feed.items)} items): {source}"))
    return 0


def _list(options: argparse.Namespace) -> int:
    feeds = Subscriptions().load()
    if options.json:
        rows = [{"url": feed.url, "title": feed.title, "seen": len(feed.seen)} for feed in feeds]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not feeds:
        print("no feeds yet: reader feed add URL")
    for feed in feeds:
        print(one_line(f"{feed.url}  {feed.title}".rstrip()))
    return 0


def _remove(options: argparse.Namespace) -> int:
    with Subscriptions().editing() as feeds:
        feed = find(feeds, options.source)
        if feed is None:
            raise InputError(f"not subscribed: {options.source} (see 'reader feed list')")
        feeds.remove(feed)
    print(one_line(f"unsubscribed: {feed.url}"))
    return 0


def _update(options: argparse.Namespace) -> int:
    if options.all and options.sources:
        _action_parser("update").error("give feeds or --all, not both")
    results = update(Subscriptions(), options.sources)
    if not results:
        print("no feeds yet: reader feed add URL")
    failed = 0
    for result in results:
        name = result.title or result.url
        if result.error is None:
            print(one_line(f"{result.new:>5} new  {name}"))
        else:
            failed += 1
            print(one_line(f"reader: {result.error}"), file=sys.stderr)
    if options.add:
        failed += _add_items(results, options)
    return 1 if failed else 0


def _add_items(results: list[UpdateResult], options: argparse.Namespace) -> int:
    """Put the new items' articles into the library; return how many failed.

    An item whose link cannot be followed stays seen (trying again cannot help); one
    whose article could not be fetched or read is counted as not seen, so the next
    update tries it again.
    """
    sources: list[str] = []
    data: list[bytes | None] = []
    owners: list[tuple[str, str]] = []  # (feed URL, item id) of each source
    failed = 0
    for result in results:
        for item in reversed(result.items):  # oldest first, as they were published
            try:
                article = item_article(item, result.source or result.url)
            except InputError as error:
                failed += 1
                print(one_line(f"reader: {error}"), file=sys.stderr)
                continue
            sources.append(article.source)
            data.append(article.data)
            owners.append((result.url, item.id))
    if not sources:
        print("added 0 article(s): no new items")
        return failed
    library = Library(options.db)
    failures: list[int] = list(range(len(sources)))  # until add_sources says otherwise
    try:
        found: list[int] = []
        counts = add_sources(
            library, sources, jobs=options.jobs, db=options.db, data=data, failures=found
        )
        failures = found
    finally:
        library.close()
        for warning in dict.fromkeys(library.warnings):
            print(f"reader: warning: {one_line(warning)}", file=sys.stderr)
        again: dict[str, list[str]] = {}
        for index in failures:
            url, ident = owners[index]
            again.setdefault(url, []).append(ident)
        retry_later(Subscriptions(), again)
    counts["failed"] += failed
    print(summary(counts))
    return counts["failed"]


_ACTIONS = {"add": _add, "list": _list, "remove": _remove, "update": _update}
