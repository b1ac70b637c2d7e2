"""guide_builder: Markdown in several languages → a multilingual static website and printed guide."""

__version__ = "0.1.0"
