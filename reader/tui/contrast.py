"""Readable colours in any theme: WCAG contrast, and the reader's own theme variables.

Invariant: every colour the stylesheets and the panel use for text over a highlight
comes from `reader_variables`, computed from the running theme's own colours, and
reaches at least `MIN_TEXT` (WCAG 2.1 AA, 4.5:1) against the surface and against
every highlight background listed in `HIGHLIGHTS` (the sentence cursor, search
matches, the chosen claim, notes...). A theme colour that already passes is kept as
it is; one that does not is moved towards black or white just far enough. So the
light theme's pale orange and green become readable dark ones, and a theme added
later gets readable text without new rules. Apps that show the reader's widgets derive from
`ReadableApp`, which adds the variables. `tests/ui/test_contrast.py` checks the
resolved styles, not these numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from textual.app import App
from textual.color import Color, ColorParseError

ReturnType = TypeVar("ReturnType")

MIN_TEXT = 4.5
"""Least contrast for text (WCAG 2.1 success criterion 1.4.3, level AA)."""
MIN_MARK = 3.0
"""Least contrast for marks that are not text (bars, rules: criterion 1.4.11)."""

BLACK = Color(0, 0, 0)
WHITE = Color(255, 255, 255)

HIGHLIGHTS: dict[str, tuple[str, float]] = {
    "reader-cursor": ("primary", 0.25),
    "reader-selection": ("accent", 0.35),
    "reader-match": ("warning", 0.35),
    "reader-match-current": ("warning", 0.8),
    "reader-claim": ("secondary", 0.15),
    "reader-claim-selected": ("secondary", 0.40),
    "reader-note": ("success", 0.15),
    "reader-error-bg": ("error", 0.15),
}
"""Highlight backgrounds: a theme colour at this strength over `$surface`."""

TEXTS: dict[str, str] = {
    "reader-heading": "text-primary",
    "reader-link": "text-accent",
    "reader-code": "text-warning",
    "reader-person": "text-success",
    "reader-org": "text-warning",
    "reader-place": "text-secondary",
    "reader-other": "text-primary",
    "reader-supported": "text-success",
    "reader-disputed": "text-warning",
    "reader-false": "text-error",
    "reader-needs-checking": "text-accent",
    "reader-dispute": "text-error",
    "reader-error": "text-error",
}
"""Text colours: a theme variable made readable over the surface and every highlight."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = tuple(_channel(value) for value in range(256))
"""`_channel` of every 8-bit value: the theme's variables are checked ~2,000 times
before the first frame, and each check computed three powers (~4 ms of start-up)."""


def luminance(color: Color) -> float:
    """WCAG relative luminance of an opaque colour (0 black .. 1 white)."""
    return 0.2126 * _LINEAR[color.r] + 0.7152 * _LINEAR[color.g] + 0.0722 * _LINEAR[color.b]


def contrast(first: Color, second: Color) -> float:
    """WCAG contrast ratio of two opaque colours, 1 (same) to 21 (black on white)."""
    return _ratio(luminance(first), luminance(second))


def _ratio(first: float, second: float) -> float:
    high, low = sorted((first, second), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: Color, backgrounds: Iterable[Color], ratio: float = MIN_TEXT) -> Color:
    """`color`, or the nearest mix of it with black or white (whichever the backgrounds
    leave more room for) that reaches `ratio` against every one of `backgrounds`."""
    grounds = [luminance(ground) for ground in backgrounds]  # once, not once per candidate
    if not grounds:
        return color

    def worst(candidate: Color) -> float:
        lit = luminance(candidate)
        return min(_ratio(lit, ground) for ground in grounds)

    target = BLACK if worst(BLACK) >= worst(WHITE) else WHITE
    for step in range(21):
        mixed = color.blend(target, step / 20)
        if worst(mixed) >= ratio:
            return mixed
    return target


def on(background: Color) -> Color:
    """Black or white, whichever is more readable on `background` (badge text)."""
    return BLACK if contrast(BLACK, background) >= contrast(WHITE, background) else WHITE


def _colour(variables: Mapping[str, str], name: str, fallback: str) -> Color:
    try:
        return Color.parse(variables.get(name, fallback)).with_alpha(1.0)
    except ColorParseError:  # a theme variable may hold a non-colour value ("auto 87%")
        return Color.parse(fallback)


def reader_variables(variables: Mapping[str, str], dark: bool) -> dict[str, str]:
    """The reader's CSS variables (`$reader-*`) for a theme whose variables are
    `variables` (as `App.get_css_variables` builds them); `dark` is the theme's kind."""
    if _is_ansi(variables.get("surface", "")) or _is_ansi(variables.get("foreground", "")):
        return _as_given(variables)
    surface = _colour(variables, "surface", "#1e1e1e" if dark else "#d8d8d8")
    foreground = _colour(variables, "foreground", "#e0e0e0" if dark else "#1f1f1f")
    body = _text_on(variables.get("text", "auto 87%"), surface)
    grounds = {
        name: _tint(surface, _colour(variables, source, "#808080"), strength, body)
        for name, (source, strength) in HIGHLIGHTS.items()
        if name != "reader-match-current"
    }
    grounds["reader-match-current"] = surface.blend(_colour(variables, "warning", "#808080"), 0.8)
    boost = _colour(variables, "boost", surface.hex)
    try:
        boost_alpha = Color.parse(variables.get("boost", "")).a
    except ColorParseError:
        boost_alpha = 0.0
    raised = surface.blend(boost, boost_alpha)  # `$boost` over the surface: inputs, rows
    rail = surface.blend(foreground, 0.1)  # the unlit part of a tab underline
    under_text = [surface, raised, *(c for n, c in grounds.items() if n != "reader-match-current")]
    result = {name: colour.hex for name, colour in grounds.items()}
    for name, source in TEXTS.items():
        result[name] = readable(_colour(variables, source, foreground.hex), under_text).hex
    result["reader-muted"] = readable(foreground.blend(surface, 0.4), under_text).hex
    result["reader-on-match-current"] = on(grounds["reader-match-current"]).hex
    accent, primary = (_colour(variables, n, foreground.hex) for n in ("accent", "primary"))
    result["reader-mark"] = readable(accent, [surface], MIN_MARK).hex
    result["reader-bar"] = readable(primary, [surface, raised, rail], MIN_MARK).hex
    result.update(_textual_pairs(variables))
    return result


TEXTUAL_PAIRS: tuple[tuple[str, str], ...] = (
    ("footer-key-foreground", "footer-background"),
    ("block-cursor-foreground", "block-cursor-background"),
)
"""Textual's own text and background variables drawn together (the footer's key
letters, the library table's cursor row): the text is made readable on its ground."""


def _tint(surface: Color, colour: Color, strength: float, body: Color) -> Color:
    """`colour` at `strength` over `surface`, weakened until the body text on it stays
    readable (a theme whose accents are mid-tones gets paler highlights)."""
    while strength > 0.05:
        ground = surface.blend(colour, strength)
        if contrast(body, ground) >= MIN_TEXT:
            return ground
        strength -= 0.05
    return surface.blend(colour, 0.05)


def _is_ansi(value: str) -> bool:
    """Whether `value` names one of the terminal's own colours (an ANSI theme)."""
    try:
        return Color.parse(value).ansi is not None
    except ColorParseError:
        return False


def _as_given(variables: Mapping[str, str]) -> dict[str, str]:
    """For ANSI themes, whose colours only the terminal knows: the theme's own colours,
    unchanged (nothing can be computed; the terminal's palette decides)."""
    result = {
        name: f"{variables.get(source, 'ansi_default')} {round(strength * 100)}%"
        for name, (source, strength) in HIGHLIGHTS.items()
    }
    result |= {name: variables.get(source, "ansi_default") for name, source in TEXTS.items()}
    result["reader-muted"] = variables.get("text-muted", "ansi_default")
    result["reader-on-match-current"] = variables.get("background", "ansi_default")
    result["reader-mark"] = result["reader-bar"] = variables.get("accent", "ansi_default")
    return result


def _text_on(value: str, ground: Color) -> Color:
    """The opaque colour of the text `value` on `ground`; Textual's "auto 87%" is the
    contrasting black or white at that strength."""
    if value.startswith("auto"):
        strength = value.removeprefix("auto").strip().rstrip("%")
        return ground.blend(ground.get_contrast_text(1.0), float(strength or 100) / 100)
    return Color.parse(value).with_alpha(1.0)


def _textual_pairs(variables: Mapping[str, str]) -> dict[str, str]:
    """Readable text for `TEXTUAL_PAIRS`, where both are opaque colours."""
    result: dict[str, str] = {}
    for text_name, ground_name in TEXTUAL_PAIRS:
        try:
            ground = Color.parse(variables[ground_name])
            text = _text_on(variables[text_name], ground)
        except (KeyError, ColorParseError, ValueError):
            continue
        if text.ansi is not None or ground.ansi is not None or ground.a < 1:
            continue  # ANSI themes keep the terminal's own colours
        if contrast(text, ground) < MIN_TEXT:
            result[text_name] = readable(text, [ground]).hex
    return result


class ReadableApp(App[ReturnType]):
    """An `App` whose CSS variables include `reader_variables` for the current theme:
    the reader, and any app hosting its panel or article view, derive from it."""

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables plus the reader's (`$reader-*`), for every theme."""
        variables = super().get_css_variables()
        variables.update(reader_variables(variables, self.current_theme.dark))
        self.theme_variables = variables
        return variables
