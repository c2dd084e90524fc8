"""Keep text from input inert where people open it: spreadsheets (formula injection) and web pages."""
from __future__ import annotations

import html
from typing import Any

# A cell starting with one of these is run as a formula by Excel/LibreOffice/Sheets (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value: Any) -> Any:
    """Prefix text that a spreadsheet would evaluate with a single quote; other values pass unchanged.

    >>> neutralize_formula('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> neutralize_formula("-1"), neutralize_formula(3)
    ("'-1", 3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def escape_html(value: Any) -> str:
    """HTML-escape any value for element content or a quoted attribute.

    >>> escape_html('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)
