"""Train gensim's word2vec on the corpus bench/radio.ts wrote, with the same settings.

usage: python3 gensim_word2vec.py CORPUS OUT_VECTORS SETTINGS_JSON
CORPUS: one sentence per line, space-separated vocabulary rows (0..vocab-1).
Writes OUT_VECTORS (float32, row-major, vocab x dims, row i = item i) and prints a JSON
line {"seconds": training wall time, "cpuSeconds": CPU time of all threads, "gensim": version}.
"""
import json
import sys
import time

import numpy as np
from gensim.models import Word2Vec


def main():
    corpus_path, out_path, settings_json = sys.argv[1:4]
    s = json.loads(settings_json)
    with open(corpus_path) as f:
        sentences = [line.split() for line in f if line.strip()]
    vocab = s["vocab"]
    model = Word2Vec(
        vector_size=s["dims"],
        window=s["window"],
        min_count=1,
        sg=1 if s["mode"] == "skip-gram" else 0,
        cbow_mean=1,
        hs=0,
        negative=s["negative"],
        ns_exponent=s["negativePower"],
        sample=s["subsample"],
        alpha=s["learningRate"],
        min_alpha=s["minLearningRate"],
        workers=s["threads"],
        seed=s["seed"],
        epochs=s["epochs"],
    )
    model.build_vocab(sentences)
    # gensim 4 starts the input vectors uniform in [-1/size, 1/size); scale to the bench's initRange.
    model.wv.vectors *= s.get("initRange", 1.0)
    started = time.perf_counter()
    cpu_started = time.process_time()
    model.train(sentences, total_examples=len(sentences), epochs=s["epochs"])
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    out = np.zeros((vocab, s["dims"]), dtype=np.float32)
    for word, index in model.wv.key_to_index.items():
        out[int(word)] = model.wv.vectors[index]
    out.tofile(out_path)
    import gensim

    print(json.dumps({"seconds": seconds, "cpuSeconds": cpu_seconds, "gensim": gensim.__version__}))


if __name__ == "__main__":
    main()
