#!/usr/bin/env python3
"""Writes the bundle's control, framework and default-input data files from the regolibrary
metadata in ../shared/oracle/regolibrary (controls.json, framework_details.json,
default-config-inputs.json). Rules are not generated: each is written by hand in CEL.

Run from the repository root:  python3 kubescape-svc/engine/src/bundle-tools/import-metadata.py
Existing control files keep their hand-written 'remediation' text."""
import json, os, sys
import yaml

ORACLE = sys.argv[1] if len(sys.argv) > 1 else '../shared/oracle/regolibrary'
OUT = 'kubescape-svc/engine/src/main/resources/bundle'

class Dumper(yaml.SafeDumper):
    pass
def str_presenter(dumper, data):
    style = '|' if '\n' in data else None
    return dumper.represent_scalar('tag:yaml.org,2002:str', data, style=style)
Dumper.add_representer(str, str_presenter)

def dump(path, obj):
    with open(path, 'w') as f:
        yaml.dump(obj, f, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)

controls = json.load(open(f'{ORACLE}/controls.json'))['controls']
os.makedirs(f'{OUT}/controls', exist_ok=True)
for c in controls:
    path = f"{OUT}/controls/{c['controlID']}.yaml"
    remediation = ''
    if os.path.exists(path):
        remediation = (yaml.safe_load(open(path)) or {}).get('remediation', '')
    doc = {
        'id': c['controlID'],
        'name': c['name'],
        'baseScore': c['baseScore'],
        'severity': c['severity'],
        'category': (c.get('category') or {}).get('name') or '',
        'rules': c['rulesNames'],
        'configInputs': [x.replace('settings.postureControlInputs.', '') for x in c.get('configInputs') or []],
        'scanningScope': c.get('scanningScope') or [],
    }
    if remediation:
        doc['remediation'] = remediation
    dump(path, doc)

details = json.load(open(f'{ORACLE}/framework_details.json'))['frameworks']
os.makedirs(f'{OUT}/frameworks', exist_ok=True)
for name, fw in details.items():
    dump(f'{OUT}/frameworks/{name}.yaml', {
        'name': name,
        'version': fw.get('version') or '',
        'scanningScope': fw.get('scanningScope') or [],
        'controls': fw['controlIDs'],
    })

inputs = json.load(open(f'{ORACLE}/default-config-inputs.json'))['settings']['postureControlInputs']
bundle_yaml = f'{OUT}/bundle.yaml'
meta = {'version': '0.1.0', 'source': 'controls and frameworks: kubescape/regolibrary metadata (Apache-2.0); rules: written in CEL for kso'}
if os.path.exists(bundle_yaml):
    old = yaml.safe_load(open(bundle_yaml)) or {}
    meta['version'] = old.get('version', meta['version'])
meta['defaultInputs'] = {k: [str(x) for x in v] for k, v in inputs.items()}
dump(bundle_yaml, meta)
print(f'{len(controls)} controls, {len(details)} frameworks, {len(inputs)} inputs')
