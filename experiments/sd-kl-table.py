import json, os, statistics as st
# Self-distillation at lambda 0.25 against the matrix's default (lambda 1) runs, each minus supervised of its cell and seed.
# usage: [R=matrix runs] [SD=lambda-0.25 runs] [S9=folder with sd-kl0.25-rgb-sS] python3 experiments/sd-kl-table.py
R = os.environ.get('R', '/work/exp/matrix/runs'); S = os.environ.get('SD', '/work/exp/s10/sd-kl0.25'); S9 = os.environ.get('S9', '/work/exp/s9')
def acc(d):
    try: return json.load(open(d+'/metrics.json'))['test_accuracy']*100
    except Exception: return None
print('| cell | seeds | λ=1 (default) − sup | λ=0.25 − sup | per seed (λ=0.25) |')
print('|---|---|---|---|---|')
for c in ['fm4','fm10','fm25','fm100','tops','digits','rgb']:
    d1=[];d2=[]
    for s in range(3):
        sup=acc(f'{R}/{c}/supervised-s{s}'); a=acc(f'{R}/{c}/self-distill-s{s}')
        b=acc(f'{S9}/sd-kl0.25-rgb-s{s}') if c=='rgb' else acc(f'{S}/{c}/self-distill-s{s}')
        if sup is None or b is None: continue
        d1.append(a-sup); d2.append(b-sup)
    f=lambda x: f'{st.mean(x):+.2f} ± {st.stdev(x):.2f}' if len(x)>1 else (f'{x[0]:+.2f}' if x else '—')
    print(f'| {c} | {len(d2)} | {f(d1)} | {f(d2)} | {", ".join(f"{v:+.2f}" for v in d2)} |')
