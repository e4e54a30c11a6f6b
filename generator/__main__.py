import gc
import sys

from generator.cli import main

code = main()
# What the command built (a corpus, an index, their caches: millions of objects at 50× the corpus)
# lives until the interpreter shuts down, whose cycle collection walked through all of it again:
# 3.5 s of a 50× build after the work was done. Marked long-lived, it is freed by reference counting.
gc.freeze()
sys.exit(code)
