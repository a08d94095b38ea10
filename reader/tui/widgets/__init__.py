"""The widgets screens compose, and their plain helpers: the article view and canvas,
its search state, the line layout, row drawing, span look-ups and the reading place."""
