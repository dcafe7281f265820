"""Content library for the ML interview guide.

Content in (Markdown questions, taxonomy, notebooks) -> validated model -> pages and exports out.
Nothing here imports MkDocs: the MkDocs hook in ``hooks/mlq_hook.py`` is a thin adapter, and the
same library backs the ``mlq`` command line.
"""

from mlq.content import Content, Question, load_content
from mlq.problems import ContentError, Problem
from mlq.site import Site, build_site

__all__ = [
    "Content",
    "ContentError",
    "Problem",
    "Question",
    "Site",
    "build_site",
    "load_content",
]
