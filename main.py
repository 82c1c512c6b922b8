"""Run SkillMap from a checkout: ``python main.py`` does what the ``skillmap`` command does."""

from skillmap.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
