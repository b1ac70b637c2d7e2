"""The README documents every guide.yaml key and every front-matter key in the words the code uses."""

from pathlib import Path

from guide_builder.config import OPTIONS
from guide_builder.discover import Kind
from guide_builder.schema import FIELDS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_guide_yaml_key_is_documented() -> None:
    for key, option in OPTIONS.items():
        assert f"| `{key}`" in README and option.help in README, key


def test_every_front_matter_key_is_documented() -> None:
    for fields in FIELDS.values():
        for key, field in fields.items():
            assert f"`{key}`" in README and field.help in README, key
    assert set(FIELDS) == set(Kind)
