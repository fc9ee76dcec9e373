"""`sommet serve`: the HTTP API and the dashboard over one event store."""
from __future__ import annotations

import ipaddress

import typer

from .common import user_errors, warn

DEFAULT_DB = "sqlite:///sommet.db"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    if is_loopback(host):
        return None
    return (f"warning: serving on {host}, which other machines can reach; the API shows every "
            "stored article and runs extraction on request. Use --host 127.0.0.1 to keep it local.")


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (loopback by default)"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="port to listen on"),
    db: str = typer.Option(DEFAULT_DB, "--db", help="store URL (sqlite:///file.db, postgresql+psycopg://...) or a SQLite file path"),
    write: bool = typer.Option(False, "--write", help="allow POST /api/documents to add articles to the store"),
) -> None:
    """Serve the JSON API (docs at /docs) and the dashboard (/) over the store.

    Example: sommet serve --db demo.db --port 8000
    """
    import uvicorn

    from sommet.api import create_app

    warning = exposure_warning(host)
    if warning:
        warn(warning)
    with user_errors():
        app = create_app(db, read_only=not write)
    typer.echo(f"sommet dashboard on http://{host}:{port}/  (API docs: /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
