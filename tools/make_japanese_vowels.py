"""Write rnn_walkthrough/datasets/japanese_vowels.npz from the copy of the UCI Japanese Vowels data that ships in aeon.

Japanese Vowels: nine male speakers each say the vowel pair /ae/; every recording is N frames of D = 12 LPC cepstrum
coefficients, T = 7 to 29 frames long; 270 training recordings (30 per speaker) and 370 test recordings. The task is to
name the speaker (K = 9 classes). aeon's wheel holds the UEA archive's .ts files, so nothing is downloaded; this script
installs nothing and needs aeon only to find and parse those files. Run it from the repository root in a throwaway venv:

    python -m venv /tmp/aeon && /tmp/aeon/bin/pip install aeon && /tmp/aeon/bin/python tools/make_japanese_vowels.py

The .npz holds no object arrays (np.load(..., allow_pickle=False) reads it):
    X_train (270, 29, 12) float32, zero after each recording's end;  lengths_train (270,) int64;  y_train (270,) int64, 0-8
    X_test  (370, 29, 12) float32, likewise;                          lengths_test  (370,) int64;  y_test  (370,) int64
    source, licence: 0-d str arrays
Speaker 1 is class 0. Recordings keep the order of the .ts files.

Why float32: every value in the .ts text has at most 7 significant digits (63% have 6, 4% have 7; the script checks
the bound), written to 1e-6 or finer, in -1.85..2.21. float32 keeps 24 bits (about 7.2 digits), and the script checks
that each value's float32, rounded to the decimals of its text, gives back exactly that text: nothing is lost. The
largest change is 1.2e-7, under the 1e-6 step of the text. The file is about 450 KB (float64 would be about 545 KB).

Rerunning gives identical arrays; np.savez_compressed stamps the zip entries with the time, so when the arrays already
on disk are equal to the new ones the file is left untouched (no spurious git diff)."""
from decimal import Decimal
from pathlib import Path
import tempfile

import aeon
import numpy as np
from aeon.datasets import load_from_ts_file

OUT = Path(__file__).parents[1] / 'rnn_walkthrough' / 'datasets' / 'japanese_vowels.npz'
SRC = Path(aeon.__file__).parent / 'datasets' / 'data' / 'JapaneseVowels'
N_EXPECTED, T_MAX, D, K = {'train': 270, 'test': 370}, 29, 12, 9


def ts_tokens(path):
    "Every number of a .ts file's @data section as text, in file order (recording, channel, frame)."
    lines = path.read_text().splitlines()
    rows = lines[lines.index('@data') + 1:]
    return [t for row in rows if row.strip() for channel in row.split(':')[:-1] for t in channel.split(',')]


def check_float32_is_lossless(tokens):
    "Each value's float32, rounded to the decimals its text shows, gives back that text."
    digits = max(len(Decimal(t).as_tuple().digits) for t in tokens)
    assert digits <= 7, f'a value has {digits} significant digits: float32 may lose some'
    for t in tokens:
        d = Decimal(t)
        assert Decimal(float(np.float32(t))).quantize(d) == d, f'{t} does not survive float32'
    return digits


def load_split(split):
    "X (N, T_MAX, D) float32 zero-padded, lengths (N,), y (N,) with speaker 1 as class 0."
    path = SRC / f'JapaneseVowels_{split.upper()}.ts'
    series, labels = load_from_ts_file(str(path))            # list of N arrays (D, T_n), labels '1'..'9'
    n = N_EXPECTED[split]
    assert len(series) == n, f'{split}: expected {n} recordings, got {len(series)}'
    lengths = np.array([s.shape[1] for s in series], dtype=np.int64)
    assert all(s.shape[0] == D for s in series), f'{split}: expected D={D} channels'
    assert lengths.min() >= 7 and lengths.max() <= T_MAX, f'{split}: lengths {lengths.min()}..{lengths.max()}'
    y = labels.astype(np.int64) - 1
    assert set(y.tolist()) == set(range(K)), f'{split}: expected K={K} speakers'
    tokens = ts_tokens(path)
    values = np.concatenate([s.ravel() for s in series])     # channel-major, as in the file
    assert np.array_equal(values, np.array(tokens, dtype=np.float64)), f'{split}: aeon and the text disagree'
    digits = check_float32_is_lossless(tokens)
    X = np.zeros((n, T_MAX, D), dtype=np.float32)
    for i, s in enumerate(series):
        X[i, :s.shape[1]] = s.T
    print(f'{split}: N={n}, T={lengths.min()}..{lengths.max()}, per speaker {np.bincount(y).tolist()}, '
          f'at most {digits} significant digits')
    return X, lengths, y


def main():
    arrays = {}
    for split in ('train', 'test'):
        arrays[f'X_{split}'], arrays[f'lengths_{split}'], arrays[f'y_{split}'] = load_split(split)
    assert (arrays['y_train'] == np.repeat(np.arange(K), 30)).all(), 'train: expected 30 recordings per speaker, in order'
    arrays['source'] = np.array(
        'UCI Machine Learning Repository, Japanese Vowels, doi:10.24432/C5NS47; '
        'M. Kudo, J. Toyama, M. Shimbo (1999), "Multidimensional curve classification using passing-through regions", '
        'Pattern Recognition Letters 20(11-13), 1103-1111. Read from the UEA archive copy '
        f'(JapaneseVowels_TRAIN.ts, JapaneseVowels_TEST.ts) in aeon {aeon.__version__}.')
    arrays['licence'] = np.array('CC BY 4.0 (Creative Commons Attribution 4.0 International), as the UCI repository '
                                 'licenses this data set; cite Kudo, Toyama and Shimbo (1999).')
    OUT.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        new = Path(tmp) / OUT.name
        np.savez_compressed(new, **arrays)
        with np.load(new, allow_pickle=False) as f:
            assert all(np.array_equal(f[k], v) and f[k].dtype == v.dtype for k, v in arrays.items())
        if OUT.exists():
            with np.load(OUT, allow_pickle=False) as old:
                same = set(old.files) == set(arrays) and all(
                    np.array_equal(old[k], v) and old[k].dtype == v.dtype for k, v in arrays.items())
        else:
            same = False
        if same:
            print(f'{OUT}: arrays unchanged, file left as it is ({OUT.stat().st_size:,} bytes)')
        else:
            OUT.write_bytes(new.read_bytes())
            print(f'wrote {OUT}: {OUT.stat().st_size:,} bytes')


if __name__ == '__main__':
    main()
