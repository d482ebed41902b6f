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


def test_fingerprint_covers_the_rule_files_once_per_process(tmp_path, monkeypatch) -> None:
    """The rule and model files are hashed once per process, as their lists are loaded once:
    the fingerprint names the rules the process cleans with. A new process (here: the cache
    cleared) sees an edited phrase list."""
    from cleaner import config as config_module

    rules = tmp_path / "rules"
    (rules / "en").mkdir(parents=True)
    phrases = rules / "en" / "ad.txt"
    phrases.write_text("[line]\nadvertisement\n", encoding="utf-8")
    monkeypatch.setattr(config_module, "RULES_DIR", rules)
    monkeypatch.setattr(config_module, "_data_files", lambda: (phrases,))
    config_module.data_digest.cache_clear()
    try:
        before = Config().fingerprint()
        phrases.write_text("[line]\nadvertisement\nsponsored\n", encoding="utf-8")
        assert Config().fingerprint() == before
        config_module.data_digest.cache_clear()
        assert Config().fingerprint() != before
    finally:
        config_module.data_digest.cache_clear()
