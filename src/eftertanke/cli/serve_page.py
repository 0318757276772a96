"""The page ``eftertanke serve`` sends: textual-serve's, kept on this machine.

textual-serve's page loads its font from Google's servers, which would tell a
third party each time a journal is opened (and fails offline). The package
ships the same font, so the page here points at that copy, and a
Content-Security-Policy lets the page load nothing from anywhere but this
server. The page's own few words (its title, "Session ended.", "Restart")
come from the catalogue, so a Danish user sees Danish from the first frame.

The template is textual-serve's own file, changed as it is read; the tests
check the result, so a new textual-serve that moves the font link is noticed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

import jinja2

from eftertanke.i18n import t

INDEX = "app_index.html"
GOOGLE_FONT_LINK = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.S)
LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
      }
    </style>"""
# Everything from this server only; inline script and style are the page's own.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def local_page(source: str, lang: str) -> str:
    """textual-serve's page with the local font and the page's words in ``lang``."""
    page = GOOGLE_FONT_LINK.sub(lambda _m: LOCAL_FONT, source)
    page = page.replace("<html>", f'<html lang="{escape(lang)}">', 1)
    page = page.replace(
        "<head>", f"<head>\n    <meta charset=\"utf-8\" />\n    <title>{escape(t('cli.serve.page_title', lang))}</title>", 1
    )
    page = page.replace("Session ended.", escape(t("cli.serve.session_ended", lang)))
    page = page.replace(">Restart<", f">{escape(t('cli.serve.restart', lang))}<")
    page = page.replace(">Start<", f">{escape(t('cli.serve.start', lang))}<")
    return page


class LocalPageLoader(jinja2.FileSystemLoader):
    """textual-serve's templates, the index page rewritten by ``local_page``."""

    def __init__(self, path: str, lang: str) -> None:
        super().__init__(path)
        self.lang = lang

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        if template == INDEX:
            source = local_page(source, self.lang)
        return source, filename, uptodate
