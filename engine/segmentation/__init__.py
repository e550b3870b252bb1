"""ABC-XYZ segmentation and the cell policies."""
