# Prints each line of a file as surface/POS tokens by MeCab-ko (pip install
# python-mecab-ko), to compare with `morph_eval --tokens`.
# Usage: python mecab_tokens.py IN.txt OUT.txt
import sys, mecab, time
m = mecab.MeCab()
t = time.process_time()
out = []
for line in open(sys.argv[1], encoding='utf-8').read().split('\n')[:-1]:
    out.append(' '.join(f"{x.surface}/{x.feature.pos}" for x in m.parse(line)))
sys.stderr.write(f"mecab-ko: {time.process_time()-t:.2f} s CPU\n")
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(out) + '\n')
