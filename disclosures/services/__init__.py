"""Writes. Every function here is named <entity>_<action> and takes keyword-only arguments."""
