"""One exception tree for sommet. The CLI turns these into messages and exit codes.

    SommetError
    ├── InputError          a document or file cannot be read (names the document)
    ├── DataFileError       a lexicon, gazetteer or user actor file is malformed (names file:line)
    ├── ModelError          a spaCy model is missing or a language has no pipeline
    ├── StoreError          the event store cannot be opened, migrated or written
    └── ConfigError         a setting has a wrong value
"""


class SommetError(Exception):
    """Base of every error sommet raises on purpose."""


class InputError(SommetError):
    def __init__(self, document: str, problem: str):
        self.document, self.problem = document, problem
        super().__init__(f"{document}: {problem}")


class DataFileError(SommetError):
    def __init__(self, path: str, problem: str, line: int | None = None):
        self.path, self.problem, self.line = path, problem, line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")


class ModelError(SommetError):
    pass


class StoreError(SommetError):
    pass


class ConfigError(SommetError):
    pass
