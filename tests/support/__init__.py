"""Helpers the tests share: real site builds, Chromium, a crawler, hostile cases."""
