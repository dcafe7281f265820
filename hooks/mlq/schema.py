"""JSON Schema of question front matter, generated from the same model the build validates with.

The taxonomy's values are added as enums so editors can complete them.
"""

from __future__ import annotations

import json
from typing import Any

from mlq.content import REQUIRED_LISTS
from mlq.model import FrontMatter
from mlq.taxonomy import Taxonomy

SCHEMA_FILE = "content/question.schema.json"


def front_matter_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    schema = FrontMatter.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Question front matter"
    schema["required"] = sorted({*schema["required"], *REQUIRED_LISTS})  # checked in content.py, see model.py
    props = schema["properties"]
    props["category"]["enum"] = sorted(taxonomy.categories)
    props["topics"]["items"]["enum"] = sorted(taxonomy.topics)
    props["roles"]["items"]["enum"] = sorted(taxonomy.roles)
    names = {key for key in taxonomy.companies} | {a for c in taxonomy.companies.values() for a in c.aliases}
    schema["$defs"]["CompanyTag"]["properties"]["name"]["enum"] = sorted(names)
    return schema


def render_schema(taxonomy: Taxonomy) -> str:
    return json.dumps(front_matter_schema(taxonomy), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
