"""The frozen configuration object."""
from __future__ import annotations

import dataclasses

import pytest

from cleaner.config import Config


def test_defaults_and_frozen() -> None:
    config = Config()
    assert config.keep_categories == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.max_bytes = 1  # type: ignore[misc]


def test_load_toml(tmp_path) -> None:
    path = tmp_path / "cleaner.toml"
    path.write_text('[cleaner]\nkeep_categories = ["comments"]\nmax_bytes = 1000\n')
    config = Config.load(path)
    assert config.keep_categories == ("comments",) and config.max_bytes == 1000
    assert config.to_dict()["keep_categories"] == ["comments"]


def test_unknown_keys_and_categories_are_errors(tmp_path) -> None:
    with pytest.raises(ValueError, match="unknown configuration keys"):
        Config.from_dict({"nope": 1})
    with pytest.raises(ValueError, match="unknown categories"):
        Config(keep_categories=("spam",))


def test_fingerprint_changes_with_settings() -> None:
    assert Config().fingerprint() == Config().fingerprint()
    assert Config().fingerprint() != Config(protect_words=20).fingerprint()
