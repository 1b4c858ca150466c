"""Password strength: refuse passwords that are easy to guess, whatever their length.

Django's validators check length and a list of common passwords; ``aaaaaaaaaaaa`` and
``qwertyuiop12`` pass both. zxcvbn estimates how many guesses a password would take, counting
repeats, sequences, keyboard patterns, dictionary words and the user's own names. NCSC advice is
three random words: they score well here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from zxcvbn import zxcvbn

# zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenario"
# (about 10^10 guesses). Passwords here are stored with a slow hash and sign-in is rate-limited.
MINIMUM_SCORE = 3


class GuessablePasswordValidator:
    def __init__(self, minimum_score: int = MINIMUM_SCORE):
        self.minimum_score = minimum_score

    def validate(self, password: str, user=None) -> None:
        hints = ["openyj", "youth", "justice"]
        if user is not None:
            hints += [str(getattr(user, name, "") or "") for name in ("username", "first_name", "last_name", "email")]
        result = zxcvbn(password, user_inputs=[hint for hint in hints if hint])
        if result["score"] < self.minimum_score:
            warning = result["feedback"].get("warning") or ""
            raise ValidationError(
                "Choose a password that is harder to guess. Three random words together work well, "
                "for example ‘kettle-violet-harbour’. Avoid names, dates, repeated letters and "
                "words to do with your work." + (f" ({warning})" if warning else ""),
                code="password_guessable",
            )

    def get_help_text(self) -> str:
        return "Use three random words together, for example ‘kettle-violet-harbour’: avoid names and dates."
