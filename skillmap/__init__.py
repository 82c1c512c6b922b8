"""SkillMap: skills-gap mapping and workforce planning for the public sector."""

__version__ = "0.1.0"
