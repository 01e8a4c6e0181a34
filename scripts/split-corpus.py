"""Deterministic split of newly collected cases into development and validation.
Validation cases are copied to tests/fixtures/validation without being read by
anyone writing rules; the rate makes validation about a third of the whole corpus."""
import json, random, shutil, sys, os
RATE = 0.47
args = sys.argv[1:]
# --dev id,id,…: cases read closely while writing rules (their failures printed and studied) go to
# development whatever the draw, so that validation holds only cases no rule was written from.
forced = set()
if args and args[0] == '--dev':
    forced = set(args[1].split(','))
    args = args[2:]
folders = args  # collection folders (one cases.json + <id>.txt each), outside the repository
dev_dir = '/work/main/tests/fixtures/sessions'; val_dir = '/work/main/tests/fixtures/validation'
os.makedirs(val_dir, exist_ok=True)
def load(p):
    return json.load(open(p))
dev = load(f'{dev_dir}/expected.json')
val = load(f'{val_dir}/expected.json') if os.path.exists(f'{val_dir}/expected.json') else {'about': '', 'cases': []}
known = {c['id'] for c in dev['cases']} | {c['id'] for c in val['cases']}
new = []
for f in folders:
    for c in load(f'{f}/cases.json'):
        if c['id'] in known:
            continue
        c.setdefault('no_blame', c['culprit_top1'] == [] and c['culprit_top3'] == [])
        c['_dir'] = f
        new.append(c)
new.sort(key=lambda c: c['id'])
rng = random.Random(12)
rng.shuffle(new)
# The draw is made over every new case; a forced case drawn for validation goes to development instead.
k = round(RATE * len(new))
moved = 0
for i, c in enumerate(new):
    d = c.pop('_dir')
    to_val = i < k and c['id'] not in forced
    moved += 1 if i < k and not to_val else 0
    target = val if to_val else dev
    tdir = val_dir if to_val else dev_dir
    shutil.copy(f"{d}/{c['id']}.txt", f"{tdir}/{c['id']}.txt")
    target['cases'].append(c)
for d, p in ((dev, dev_dir), (val, val_dir)):
    with open(f'{p}/expected.json', 'w') as fh:
        json.dump(d, fh, indent=1, ensure_ascii=False)
        fh.write('\n')
print(len(new), 'new:', k - moved, 'validation,', len(new) - k + moved, 'development', f'({moved} read closely, kept in development)' if moved else '')
