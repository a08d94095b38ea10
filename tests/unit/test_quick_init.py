"""`quick_init` only makes construction cheaper: a class given it behaves as the
dataclass would (`reader.analysis.quick_init`)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from reader.analysis.entities.scan import Mention
from reader.analysis.model import Claim, Entity
from reader.analysis.quick_init import quick_init


@dataclasses.dataclass(frozen=True, slots=True)
class Plain:
    name: str
    start: int
    spans: tuple[int, ...] = ()
    note: str | None = None


@quick_init
@dataclasses.dataclass(frozen=True, slots=True)
class Quick:
    name: str
    start: int
    spans: tuple[int, ...] = ()
    note: str | None = None


CALLS: list[tuple[tuple[object, ...], dict[str, object]]] = [
    (("a", 1), {}),
    (("a", 1, (2, 3)), {}),
    (("a", 1, (2, 3), "n"), {}),
    (("a",), {"start": 1, "note": "n"}),
    ((), {"name": "a", "start": 1, "spans": (4,)}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_same_fields_equality_hash_and_repr_as_the_dataclass(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    plain, quick = Plain(*args, **kwargs), Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert dataclasses.astuple(quick) == dataclasses.astuple(plain)
    assert repr(quick) == repr(plain).replace("Plain", "Quick")
    assert quick == Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert hash(quick) == hash(Quick(*args, **kwargs))  # type: ignore[arg-type]


def test_bad_calls_fail_as_the_dataclass_does() -> None:
    for cls in (Plain, Quick):
        with pytest.raises(TypeError):
            cls("a")  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            cls("a", 1, (), None, "extra")  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            cls("a", 1, colour="red")  # type: ignore[call-arg]


def test_still_frozen_replaceable_and_picklable() -> None:
    quick = Quick("a", 1, (2,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.start = 5  # type: ignore[misc]
    assert dataclasses.replace(quick, note="x") == Quick("a", 1, (2,), "x")
    assert pickle.loads(pickle.dumps(quick)) == quick


def test_refuses_what_it_cannot_build_the_same() -> None:
    @dataclasses.dataclass(slots=True)
    class Mutable:
        x: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        xs: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Post:
        x: int

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        x: int

    for cls in (Mutable, Factory, Post, NoSlots):
        with pytest.raises(TypeError):
            quick_init(cls)


def test_the_analysis_records_use_it() -> None:
    claim = Claim("c1", 0, 9, (2, 9), (0, 1), None, None, ("quote",), ())
    assert claim.disputes == () and claim.source_via is None
    assert Entity("e1", "Ann Lee", "person", (), ((0, 7),)).name == "Ann Lee"
    for cls in (Claim, Entity):
        assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"


def test_a_mention_is_still_a_frozen_record() -> None:
    # Mention sets its slots in an `__init__` of its own (native in the compiled build).
    mention = Mention(3, 8, 1)
    assert mention == Mention(start=3, end=8, flags=1) and hash(mention) == hash(Mention(3, 8, 1))
    assert repr(mention) == "Mention(start=3, end=8, flags=1)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 4  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(mention)) == mention


def test_the_compiled_records_pickle_and_copy_by_their_fields() -> None:
    # They write their own __init__; compiled, pickle and copy must still rebuild them.
    import copy

    from reader.analysis.claims.attribution import Attribution
    from reader.analysis.claims.sources import Resolved
    from reader.analysis.entities.kind import Evidence

    attribution = Attribution((0, 9), (2, 9), (0, 1), None, {"say"})
    for record in (attribution, Resolved(), Evidence(), Mention(3, 8, 1)):
        assert pickle.loads(pickle.dumps(record)) == record
        assert copy.copy(record) == record
