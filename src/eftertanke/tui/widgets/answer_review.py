"""The writing screen's last step: every prompt with its answer, to read before saving.

Each prompt is one option (Enter on it goes back to it): its number and
question, then the first lines of the answer, what was added later from
memory, or that it was skipped, left out or still required. Answers to
prompts the pack no longer has, the themes and the quotes follow as lines
that cannot be chosen. All user text is data, never markup.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from eftertanke import i18n
from eftertanke.guided import GuidedSession
from eftertanke.packs.loader import Prompt
from eftertanke.textsafe import one_line

# The review shows this many lines of each answer.
REVIEW_LINES = 3

Part = str | tuple[str, str]


def fill_review(review: OptionList, session: GuidedSession, lang: str) -> None:
    """Refill ``review`` from ``session``, keeping the highlighted line."""
    highlighted = review.highlighted
    review.clear_options()
    review.add_options(review_options(session, lang))
    if review.option_count:
        review.highlighted = min(highlighted or 0, review.option_count - 1)


def review_options(session: GuidedSession, lang: str) -> list[Option]:
    prompts = enumerate(session.pack.prompts, start=1)
    options = [_prompt_option(session, number, prompt, lang) for number, prompt in prompts]
    for prompt_id, answer in session.answers.items():
        if session.pack.prompt(prompt_id) is None and answer.text.strip():
            orphan = i18n.t("tui.write.review_orphan", lang)
            head = (f"{one_line(answer.prompt_text or prompt_id, 200)} {orphan}", "bold")
            item = _item(head, _answer_lines(answer.text, lang))
            options.append(Option(item, disabled=True))
    extras = _extras(session, lang)
    if extras:
        options.append(Option(Content.assemble(*extras), disabled=True))
    return options


def _prompt_option(session: GuidedSession, number: int, prompt: Prompt, lang: str) -> Option:
    prompt_id = prompt.id
    answer = session.answers.get(prompt_id)
    head = (f"{number}. {one_line(session.question(prompt), 200)}", "bold")
    body: list[Part]
    if answer is not None and answer.text.strip():
        first, later = session.later_parts(prompt_id)
        marked: list[Part] = [("⟲ " + i18n.t("tui.write.added_later", lang) + ":", "italic")]
        if first.strip() and later.strip():
            body = [*_answer_lines(first, lang), *marked, *_answer_lines(later, lang)]
        elif later.strip():
            body = [*marked, *_answer_lines(later, lang)]
        else:
            body = _answer_lines(answer.text, lang)
    elif prompt_id in session.skipped:
        body = [(i18n.t("tui.write.review_skipped", lang), "dim italic")]
    elif prompt.optional:
        body = [(i18n.t("tui.write.review_unanswered", lang), "dim italic")]
    else:
        body = [(i18n.t("tui.write.review_required", lang), "bold $warning")]
    return Option(_item(head, body), id=f"prompt:{prompt_id}")


def _extras(session: GuidedSession, lang: str) -> list[Part]:
    """The themes and quotes, and whether quote lines wait for an interview."""
    extras: list[Part] = []
    if session.themes:
        extras.append((f"{i18n.t('tui.write.themes', lang)}: ", "bold"))
        extras.append(", ".join(session.themes))
    for excerpt in session.all_excerpts():
        extras.append("\n" if extras else "")
        extras.append((f"{excerpt.reference} ", "bold"))
        extras.append(one_line(excerpt.quote, 160))
    if session.quote_lines() and not session.interview:
        waiting = i18n.t("tui.write.quote_lines_need_interview", lang, n=len(session.quote_lines()))
        extras.append("\n" if extras else "")
        extras.append((waiting, "bold"))
    return extras


def _answer_lines(text: str, lang: str) -> list[Part]:
    lines = [line for line in text.splitlines() if line.strip()]
    shown: list[Part] = [one_line(line, 200) for line in lines[:REVIEW_LINES]]
    if len(lines) > REVIEW_LINES:
        more = i18n.t("tui.write.review_more", lang, n=len(lines) - REVIEW_LINES)
        shown.append((more, "dim"))
    return shown


def _item(head: tuple[str, str], body: list[Part]) -> Content:
    parts: list[Part] = [head]
    for line in body:
        parts += ["\n   ", line]
    return Content.assemble(*parts)
