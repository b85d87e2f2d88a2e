"""Storage: the only package that imports SQLAlchemy. Hands core dataclasses upward."""
