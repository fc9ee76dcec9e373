"""Actors: the world knowledge base (kb.py) and its role lexicon (roles.py)."""
from .kb import Country, Igo, KnowledgeBase, Person, Resolution, Role, Seat

__all__ = ["KnowledgeBase", "Country", "Igo", "Person", "Role", "Seat", "Resolution"]
