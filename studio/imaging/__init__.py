"""Pixel tools below the engine, the pipeline and render: colour palettes and product cut-outs.

The offline engine paints with them, the pipeline reads a brief's and a logo's colours with them, and the
renderer cuts a product photo out with them; none of those import each other for it.
"""
