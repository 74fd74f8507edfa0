# An "odd" folder data set a user might bring: 6 Fashion-MNIST classes, imbalanced (150..8 images),
# mixed PNG colour types and sizes; a pool with out-of-distribution classes, a corrupt file and a text file.
import gzip, struct, zlib, os, random, sys
# usage: MENTOR_DATA=DIR python3 experiments/datasets/odd-folder.py OUT/odd   (writes OUT/odd and OUT/odd-pool)
root = sys.argv[1]
def idx(path):
    with gzip.open(path) as f:
        magic, n = struct.unpack('>II', f.read(8))
        if magic == 2051:
            r, c = struct.unpack('>II', f.read(8)); data = f.read(); return [data[i*r*c:(i+1)*r*c] for i in range(n)], r, c
        return list(f.read()), 0, 0
def png(path, pixels, w, h, mode):
    ct = {'L': 0, 'RGB': 2, 'LA': 4}[mode]; ch = {'L': 1, 'RGB': 3, 'LA': 2}[mode]
    rows = b''
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            v = pixels[y * w + x]
            row += {'L': bytes([v]), 'RGB': bytes([v, v // 2, 255 - v]), 'LA': bytes([v, 255])}[mode]
        rows += row
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, ct, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
def up(p, s):  # nearest 2x
    return bytes(p[(y // 2) * s + (x // 2)] for y in range(2 * s) for x in range(2 * s))
d = os.path.join(os.environ.get('MENTOR_DATA', '/usr/share/datasets'), 'fashion-mnist')
imgs, r, c = idx(d + '/train-images-idx3-ubyte.gz'); labels, _, _ = idx(d + '/train-labels-idx1-ubyte.gz')
timgs, _, _ = idx(d + '/t10k-images-idx3-ubyte.gz'); tlabels, _, _ = idx(d + '/t10k-labels-idx1-ubyte.gz')
names = ['tshirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal']
counts = [150, 80, 40, 20, 12, 8]
rng = random.Random(1)
order = list(range(len(imgs))); rng.shuffle(order)
used = set()
for k, name in enumerate(names):
    os.makedirs(f'{root}/train/{name}', exist_ok=True); os.makedirs(f'{root}/test/{name}', exist_ok=True)
    picked = [i for i in order if labels[i] == k][:counts[k]]; used.update(picked)
    for j, i in enumerate(picked):
        mode = ['L', 'RGB', 'LA'][j % 3]
        if j % 4 == 0: png(f'{root}/train/{name}/{j}.png', up(imgs[i], 28), 56, 56, mode)
        else: png(f'{root}/train/{name}/{j}.png', imgs[i], 28, 28, mode)
    for j, i in enumerate([i for i in range(len(timgs)) if tlabels[i] == k][:50]):
        png(f'{root}/test/{name}/{j}.png', timgs[i], 28, 28, 'L')
os.makedirs(f'{root}-pool', exist_ok=True)
pool = [i for i in order if i not in used][:600]   # all ten classes: four are out of distribution
for j, i in enumerate(pool):
    png(f'{root}-pool/p{j}.png', imgs[i], 28, 28, 'L' if j % 2 else 'RGB')
open(f'{root}-pool/broken.png', 'wb').write(b'\x89PNG\r\n\x1a\nnot really')
open(f'{root}-pool/README.txt', 'w').write('pool of unlabeled images\n')
