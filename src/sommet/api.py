"""The HTTP API and the dashboard: a FastAPI app over one event store.

    create_app(store_url, read_only=True) -> FastAPI

JSON endpoints live under /api (OpenAPI docs at /docs); the dashboard is / with its
files under /static. Every error response has one shape, whatever raised it:

    {"error": {"status": 422, "code": "invalid_parameter", "message": "...", "details": [...]}}

Article text is untrusted: the API returns it as JSON strings only, and every response
carries a Content-Security-Policy that forbids inline scripts, so the page can never run
a script that came from a document.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sommet.actors.roles import fold
from sommet.errors import InputError, SommetError
from sommet.models import DateValue, Document, DocResult

STATIC_DIR = Path(__file__).parent / "web" / "static"
MAX_ARTICLE_BYTES = 200_000
MAX_PAGE = 500
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
_ACTOR_RE = re.compile(r"^(?:[A-Z]{3}|IGO:[A-Z0-9]{2,12})$")
_DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's /docs page loads Swagger UI from its CDN and starts it with an inline script;
# it shows no article text, so it alone gets this wider policy.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

ERROR_CODES = {
    400: "bad_request", 403: "read_only", 404: "not_found", 405: "method_not_allowed",
    413: "too_large", 415: "unsupported_media_type", 422: "invalid_parameter",
    500: "internal_error",
}

Extractor = Callable[[Document], DocResult]


class ApiError(StarletteHTTPException):
    """An error answer with its machine code; rendered in the one error shape."""

    def __init__(self, status: int, message: str, code: str | None = None, details: list | None = None):
        super().__init__(status_code=status, detail=message)
        self.code = code or ERROR_CODES.get(status, "error")
        self.details = details or []


def error_body(status: int, code: str, message: str, details: list | None = None) -> dict:
    return {"error": {"status": status, "code": code, "message": message, "details": details or []}}


def _error_response(status: int, code: str, message: str, details: list | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, details), status_code=status)


# ---------------------------------------------------------------- request parameters

@dataclass
class Page:
    limit: int
    offset: int


def page_params(
    limit: int = Query(50, ge=1, le=MAX_PAGE, description="items per page"),
    offset: int = Query(0, ge=0, description="items to skip"),
) -> Page:
    return Page(limit, offset)


@dataclass
class Period:
    since: str | None
    until: str | None


def period_params(
    since: str | None = Query(None, description="YYYY[-MM[-DD]], inclusive"),
    until: str | None = Query(None, description="YYYY[-MM[-DD]], inclusive"),
) -> Period:
    _check_date(since, "since")
    _check_date(until, "until")
    if since and until and until < since[: len(until)]:
        raise ApiError(422, f"the period ends ({until}) before it starts ({since})")
    return Period(since, until)


def _check_date(value: str | None, name: str) -> None:
    if value is None:
        return
    problem = f"{name}: {value!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD (2018-11)"
    if not re.match(_DATE_PATTERN, value):
        raise ApiError(422, problem, details=[{"loc": name, "message": problem}])
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(*parts[:3])
    except ValueError:
        raise ApiError(422, problem, details=[{"loc": name, "message": problem}])


def actor_code(value: str | None, name: str = "actor") -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if not _ACTOR_RE.match(code):
        raise ApiError(422, f"{name} must be an ISO alpha-3 code (PRK) or IGO:XX (IGO:UN), not {value!r}")
    return code


def dyad_pair(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.split("-")
    if len(parts) != 2:
        raise ApiError(422, f"dyad must be two actor codes joined by '-' (CUB-PRK), not {value!r}")
    return actor_code(parts[0], "dyad"), actor_code(parts[1], "dyad")


@dataclass
class EventFilters:
    actor: str | None
    dyad: tuple[str, str] | None
    type: str | None
    since: str | None
    until: str | None
    min_confidence: float | None

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "actor": self.actor, "dyad": self.dyad, "type": self.type, "since": self.since,
            "until": self.until, "min_confidence": self.min_confidence,
        }


def event_filters(
    actor: str | None = Query(None, description="country or IGO code, either side: PRK, IGO:UN"),
    dyad: str | None = Query(None, description="two codes, either order: CUB-PRK"),
    type: str | None = Query(None, description="PLOVER event type: CONSULT, SANCTION..."),
    min_confidence: float | None = Query(None, ge=0, le=1, description="lowest confidence kept"),
    period: Period = Depends(period_params),
) -> EventFilters:
    return EventFilters(
        actor=actor_code(actor), dyad=dyad_pair(dyad), type=event_type(type),
        since=period.since, until=period.until, min_confidence=min_confidence,
    )


def event_type(value: str | None) -> str | None:
    if value is None:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise ApiError(422, f"unknown event type {value!r}; expected one of {', '.join(PLOVER_TYPES)}")
    return value.upper()


def paginated(fetch: Callable[[int, int], list], page: Page) -> dict[str, Any]:
    """Ask for one item more than the page to tell whether another page follows."""
    rows = list(fetch(page.limit + 1, page.offset))
    more = len(rows) > page.limit
    return {
        "items": rows[: page.limit],
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.offset + page.limit if more else None,
    }


# ---------------------------------------------------------------- articles sent to the API

class ArticleIn(BaseModel):
    """One article to read: its text, and the publication date that anchors relative dates."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text, plain text")
    date: str | None = Field(None, pattern=_DATE_PATTERN, description="publication date YYYY[-MM[-DD]]")
    lang: str | None = Field(None, pattern=r"^[a-z]{2}$", description="language code; guessed when absent")
    id: str | None = Field(None, max_length=200, description="document id; 'api' when absent")
    url: str | None = Field(None, max_length=2000)


async def read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the article is larger than {limit} bytes; send a shorter text")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the article is larger than {limit} bytes; send a shorter text")
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_article(request: Request, limit: int) -> ArticleIn:
    media = _media_type(request)
    if media not in ("application/json", "text/plain"):
        raise ApiError(415, f"send the article as application/json or text/plain, not {media or 'no type'!r}")
    raw = await read_limited(request, limit)
    text = _decode_text(raw)
    if media == "text/plain":
        fields = {"text": text, **{k: request.query_params.get(k) for k in ("date", "lang", "id", "url")}}
        return _validated(fields)
    try:
        fields = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc.msg} at character {exc.pos}")
    if not isinstance(fields, dict):
        raise ApiError(422, 'the body must be a JSON object such as {"text": "...", "date": "2018-11"}')
    return _validated(fields)


def _decode_text(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(415, "the body is not UTF-8 text")
    if "\x00" in text:
        raise ApiError(415, "the body contains NUL bytes: it is not text")
    return text


def _validated(fields: dict) -> ArticleIn:
    try:
        article = ArticleIn.model_validate(fields)
        _check_date(article.date, "date")
        return article
    except ValidationError as exc:
        details = [{"loc": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
        raise ApiError(422, "the article is not valid: " + "; ".join(f"{d['loc']}: {d['message']}" for d in details), details=details)


def to_document(article: ArticleIn) -> Document:
    return Document(
        id=article.id or "api", text=article.text, date=DateValue.parse(article.date),
        url=article.url, lang=article.lang, source="<api>",
    )


def default_extractor(document: Document) -> DocResult:
    """Read one document with the real pipeline (loads the spaCy model on first use)."""
    from sommet import extract_many

    return next(iter(extract_many([document])))


ARTICLE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ArticleIn.model_json_schema()},
            "text/plain": {"schema": {"type": "string"}},
        },
    }
}


# ---------------------------------------------------------------- actor names and aliases

class ActorDirectory:
    """Display names and search aliases of actors, read from the knowledge base."""

    def __init__(self, kb: Any = None, lang: str = "fr"):
        self.kb, self.lang = kb, lang

    def name(self, code: str) -> str:
        """The usual name of a country; an organisation's abbreviation (ONU) when it has one."""
        igo = self.kb.igos.get(code) if self.kb is not None and code.startswith("IGO:") else None
        short = igo.abbreviations.get(self.lang, []) if igo is not None else []
        names = short or self._code_names(code)
        return names[0] if names else code

    def _code_names(self, code: str) -> list[str]:
        if self.kb is None:
            return []
        entry = self.kb.igos.get(code) if code.startswith("IGO:") else self.kb.countries.get(code)
        if entry is None:
            return []
        extra = getattr(entry, "abbreviations", None) or getattr(entry, "demonyms", None) or {}
        return list(entry.names.get(self.lang, [])) + list(extra.get(self.lang, []))

    def _person_aliases(self, name: str) -> list[str]:
        person = self.kb.person(name, None) if self.kb is not None else None
        return list(person.aliases) if person is not None else []

    def describe(self, row: dict) -> dict:
        """A stored actor with its display name and aliases."""
        code = row["country"]
        aliases = self._person_aliases(row["name"]) if row["name"] else self._code_names(code)
        kind = "person" if row["name"] else ("igo" if code.startswith("IGO:") else "country")
        return {**row, "kind": kind, "country_name": self.name(code), "aliases": aliases}

    def matches(self, row: dict, q: str) -> bool:
        needle = fold(q.strip()).casefold()   # lower case without accents: 'coree' finds 'Corée'
        haystack = [row["country"], row["country_name"], row["name"] or "", *row["aliases"]]
        return any(needle in fold(text).casefold() for text in haystack)


def directory(request: Request) -> ActorDirectory:
    """The app's directory, loaded on first use (the knowledge base takes a moment)."""
    if request.app.state.directory is None:
        request.app.state.directory = ActorDirectory(load_kb())
    return request.app.state.directory


def load_kb() -> Any:
    from sommet.actors.kb import KnowledgeBase

    return KnowledgeBase.load()


# ---------------------------------------------------------------- routes

router = APIRouter(prefix="/api")


def get_store(request: Request) -> Any:
    return request.app.state.store


def found(row: Any, what: str, key: Any) -> Any:
    if not row:
        raise ApiError(404, f"no {what} with id {key!r}")
    return row


@router.get("/events", summary="Events matching the filters, paginated")
def list_events(
    filters: EventFilters = Depends(event_filters), page: Page = Depends(page_params),
    store: Any = Depends(get_store),
) -> dict:
    fetch = lambda limit, offset: store.events(**filters.as_kwargs(), limit=limit, offset=offset)
    return {**paginated(fetch, page), "total": store.count_events(**filters.as_kwargs())}


@router.get("/events/{event_id}", summary="One event with its reports and evidence")
def get_event(event_id: str, store: Any = Depends(get_store)) -> dict:
    return found(_or_none(store.event, event_id), "event", event_id)


@router.get("/documents", summary="Stored documents, paginated")
def list_documents(
    period: Period = Depends(period_params), page: Page = Depends(page_params),
    store: Any = Depends(get_store),
) -> dict:
    fetch = lambda limit, offset: store.documents(since=period.since, until=period.until, limit=limit, offset=offset)
    return paginated(fetch, page)


@router.get("/documents/{doc_id}", summary="One document with its text and events")
def get_document(doc_id: str, store: Any = Depends(get_store)) -> dict:
    return found(_or_none(store.document, doc_id), "document", doc_id)


@router.get("/actors", summary="Actors seen in the store, with roles and aliases; q searches aliases too")
def list_actors(
    request: Request,
    q: str | None = Query(None, min_length=1, max_length=100, description="part of a name or alias: 'corée', 'Kim'"),
    country: str | None = Query(None, description="only the actors of this country or IGO"),
    page: Page = Depends(page_params), store: Any = Depends(get_store),
) -> dict:
    names = directory(request)
    rows = [names.describe(row) for row in store.actors(country=actor_code(country, "country"), limit=None)]
    if q:
        rows = [row for row in rows if names.matches(row, q)]
    return {**paginated(lambda limit, offset: rows[offset: offset + limit], page), "total": len(rows)}


@router.get("/dyads", summary="Pairs of actors with their event counts")
def list_dyads(
    period: Period = Depends(period_params), page: Page = Depends(page_params),
    store: Any = Depends(get_store),
) -> dict:
    rows = store.dyads(period.since, period.until)
    return {**paginated(lambda limit, offset: rows[offset: offset + limit], page), "total": len(rows)}


@router.get("/timeline", summary="Events of one pair counted by month (or year) and type")
def pair_timeline(
    a: str = Query(..., description="first actor code"), b: str = Query(..., description="second actor code"),
    by: str = Query("month", pattern="^(month|year)$"), store: Any = Depends(get_store),
) -> dict:
    first, second = actor_code(a, "a"), actor_code(b, "b")
    return {"a": first, "b": second, "by": by, "items": store.timeline(first, second, by=by)}


@router.get("/network", summary="Relation network of a period: actors and their event counts")
def relation_network(
    request: Request, period: Period = Depends(period_params), store: Any = Depends(get_store),
) -> dict:
    """Nodes are countries and IGOs; one edge per pair with its counts per type and its
    cooperation/conflict balance in [-1, 1]; `directed` keeps the counts per direction."""
    directed = store.network(period.since, period.until)
    names = directory(request)
    nodes = [{**node, "name": names.name(node["id"])} for node in directed["nodes"]]
    edges = [pair_edge(row) for row in store.dyads(period.since, period.until)]
    return {"since": period.since, "until": period.until, "nodes": nodes, "edges": edges,
            "directed": directed["edges"]}


def pair_edge(dyad: dict) -> dict:
    source, target = dyad["actors"]
    rest = {k: v for k, v in dyad.items() if k not in ("actors", "events")}
    return {"id": f"{source}-{target}", "source": source, "target": target, "count": dyad["events"], **rest}


@router.post("/extract", summary="Read one article and return its events, without storing them",
             openapi_extra=ARTICLE_BODY)
async def extract_article(request: Request) -> dict:
    article = await read_article(request, request.app.state.max_article_bytes)
    result = await run_in_threadpool(request.app.state.extractor, to_document(article))
    return result.to_dict()


@router.post("/documents", summary="Read one article and store it (only when the server is writable)",
             openapi_extra=ARTICLE_BODY, status_code=201)
async def add_document(request: Request) -> dict:
    if request.app.state.read_only:
        raise ApiError(403, "this server is read-only; start it with --write to add documents")
    article = await read_article(request, request.app.state.max_article_bytes)
    result = await run_in_threadpool(request.app.state.extractor, to_document(article))
    await run_in_threadpool(request.app.state.store.ingest, [result])
    return result.to_dict()


def _or_none(fetch: Callable[[Any], Any], key: Any) -> Any:
    try:
        return fetch(key)
    except (KeyError, LookupError):
        return None


# ---------------------------------------------------------------- the app

def create_app(
    store_url: str, read_only: bool = True, *, extractor: Extractor | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES, names: ActorDirectory | None = None,
) -> FastAPI:
    """The API and dashboard over the store at `store_url` ("sqlite:///sommet.db").

    `extractor` reads one Document into a DocResult (default: the real pipeline) and
    `names` gives actor names and aliases (default: the knowledge base, loaded on first use).
    """
    from sommet.store import Store

    app = FastAPI(title="sommet", description="International political events read from news articles.",
                  version=_version())
    app.state.store = Store.open(store_url)
    app.state.read_only = read_only
    app.state.extractor = extractor or default_extractor
    app.state.max_article_bytes = max_article_bytes
    app.state.directory = names
    app.include_router(router)
    _add_pages(app)
    _add_error_handlers(app)
    app.middleware("http")(security_headers)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sommet")
    except PackageNotFoundError:
        return "0"


def _add_pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


async def security_headers(request: Request, call_next: Callable) -> Any:
    response = await call_next(request)
    docs = request.url.path in ("/docs", "/redoc", "/docs/oauth2-redirect")
    response.headers["Content-Security-Policy"] = DOCS_CSP if docs else PAGE_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(SommetError, _sommet_error)
    app.add_exception_handler(Exception, _unexpected_error)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = getattr(exc, "code", None) or ERROR_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path: {request.url.path}"
    return _error_response(exc.status_code, code, message, getattr(exc, "details", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    details = [
        {"loc": ".".join(str(p) for p in err["loc"]), "message": err["msg"]} for err in exc.errors()
    ]
    message = "; ".join(f"{d['loc']}: {d['message']}" for d in details)
    return _error_response(422, "invalid_parameter", message, details)


async def _sommet_error(request: Request, exc: SommetError) -> JSONResponse:
    status = 422 if isinstance(exc, InputError) else 500
    return _error_response(status, ERROR_CODES[status], str(exc))


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    return _error_response(500, "internal_error", f"unexpected server error ({type(exc).__name__}); see the server log")
