"""User-facing errors: each says what went wrong and what to do about it."""


class RagError(Exception):
    """An error the user can act on; the CLI prints it on one line and exits non-zero."""

    exit_code = 2


class InputError(RagError):
    """The question, a file or an argument is not usable. ``code`` names the problem for
    callers that word it their own way (the app speaks Indonesian)."""

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.code = code


class IndexMissingError(RagError):
    """There is no index where one was expected."""


class IndexMismatchError(RagError):
    """The index was built with other settings (model, dimension) than the current ones."""


class ModelError(RagError):
    """A model package is missing or its file is corrupt."""
