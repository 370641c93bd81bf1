"""The web app: a read-only FastAPI app over the store, its pages and its JSON API."""
from bilateral.web.app import create_app

__all__ = ["create_app"]
