"""Improvement actions raised from quality work. The actions themselves are governance's
(:mod:`openyj.governance`); these pages say what a quality finding is, in words, and raise an action
answering it through governance's services."""
