#!/usr/bin/env python3
"""The workspace's dependency rules, checked from `cargo metadata`:

- the crates of the workspace and what each depends on (printed);
- typst is a dependency of paragraf-pdf only (of no other workspace crate,
  normal, dev or build);
- no cycle between the crates, and none between the modules of a crate at
  any depth (a module's `crate::`, `super::` or `self::` path naming another
  module);
- no lint rule (crates/lint/src/rules/) imports another rule;
- no `Result<_, String>` in a library crate;
- no function over 100 lines outside tests (but those listed in
  `.ci/long-functions-allow.txt`, which their owners are shortening).
Exits 1 with what broke.
"""
import json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
meta = json.loads(subprocess.check_output(
    ["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=root))
members = {p["name"]: p for p in meta["packages"]}
errors = []

graph = {}
for name, p in sorted(members.items()):
    deps = sorted(d["name"] for d in p["dependencies"]
                  if d["name"] in members and d.get("kind") is None)
    graph[name] = deps
    print(f"{name:22} -> {', '.join(deps) or '(none)'}", flush=True)
    if name != "paragraf-pdf":
        for d in p["dependencies"]:
            if d["name"].startswith("typst"):
                errors.append(f"{name} depends on {d['name']} ({d.get('kind') or 'normal'})")


def cycles(g):
    out, state = [], {}
    def visit(n, path):
        state[n] = 1
        for m in g.get(n, []):
            if state.get(m) == 1:
                out.append(path[path.index(m):] + [m] if m in path else [n, m])
            elif m not in state:
                visit(m, path + [m])
        state[n] = 2
    for n in g:
        if n not in state:
            visit(n, [n])
    return out

for c in cycles(graph):
    errors.append("crate cycle: " + " -> ".join(c))

# modules: every file under src/ is a module (`a/b.rs` and `a/b/mod.rs` are
# `a::b`; `lib.rs`, `main.rs` the root). An edge is a path in a module's file
# that starts with `crate::`, `super::` or `self::` (also `super::{x, y}`) and
# names another module; it counts between the two siblings under their
# nearest common ancestor (a module naming its parent or child is no edge).
def module_of(src, path):
    rel = os.path.relpath(path, src)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel)


def targets(text, here, mods):
    """The modules named by the crate-, super- and self-paths of a file."""
    out = set()
    for m in re.finditer(r"\b((?:crate|self|super)(?:::super)*)::(\{[^{}]*\}|\w+(?:::\w+)*)", text):
        head, rest = m.group(1).split("::"), m.group(2)
        if head[0] == "crate":
            base = ()
        else:
            up = head.count("super")
            base = here[:len(here) - up] if up <= len(here) else None
        if base is None:
            continue
        tails = [t.strip().split("::") for t in rest.strip("{}").split(",")] if rest.startswith("{") else [rest.split("::")]
        for tail in tails:
            path = base
            for seg in tail:
                if path + (seg,) in mods:
                    path = path + (seg,)
                else:
                    break
            out.add(path)
    return out


for name, p in members.items():
    src = os.path.join(os.path.dirname(p["manifest_path"]), "src")
    mods = {}
    for d, _, fs in os.walk(src):
        for f in fs:
            if f.endswith(".rs"):
                mods.setdefault(module_of(src, os.path.join(d, f)), []).append(os.path.join(d, f))
    g = {}
    for m, files in mods.items():
        text = "".join(open(f, encoding="utf-8").read().split("#[cfg(test)]")[0] for f in files)
        for t in targets(text, m, mods):
            k = 0
            while k < min(len(m), len(t)) and m[k] == t[k]:
                k += 1
            if k == len(m) or k == len(t):
                continue  # parent and child
            a, b = "::".join(m[:k + 1]), "::".join(t[:k + 1])
            g.setdefault(a, set()).add(b)
    g = {a: sorted(b) for a, b in g.items()}
    for c in cycles(g):
        errors.append(f"module cycle in {name}: " + " -> ".join(c))

# lint rules: one file each, importing no other rule (shared helpers live
# outside crates/lint/src/rules/)
rules_dir = os.path.join(root, "crates", "lint", "src", "rules")
rule_files = sorted(f[:-3] for f in os.listdir(rules_dir) if f.endswith(".rs") and f != "mod.rs")
for f in rule_files:
    text = open(os.path.join(rules_dir, f + ".rs"), encoding="utf-8").read().split("#[cfg(test)]")[0]
    for other in sorted(set(re.findall(r"\b(?:super|crate::rules)::(\w+)", text)) & set(rule_files)):
        errors.append(f"crates/lint/src/rules/{f}.rs imports the rule {other}: move the helper out of rules/")


def string_error(line):
    """Whether a `Result<T, String>` is written on the line."""
    for m in re.finditer(r"\bResult<", line):
        depth, args, cur = 1, [], ""
        for ch in line[m.end():]:
            if ch in "<([":
                depth += 1
            elif ch in ">)]":
                depth -= 1
                if depth == 0:
                    break
            if ch == "," and depth == 1:
                args.append(cur)
                cur = ""
            else:
                cur += ch
        args.append(cur)
        if len(args) == 2 and args[1].strip() == "String":
            return True
    return False


# functions the owners of their files are shortening (path:fn, one a line);
# the list is emptied when their work is merged
LIMIT = 100
allow_path = os.path.join(root, ".ci", "long-functions-allow.txt")
allowed = set()
if os.path.exists(allow_path):
    allowed = {l.strip() for l in open(allow_path, encoding="utf-8")
               if l.strip() and not l.startswith("#")}
seen_allowed = set()

# library crates: no Result<_, String>; no function over LIMIT lines outside tests
for name, p in members.items():
    src = os.path.join(os.path.dirname(p["manifest_path"]), "src")
    for d, _, fs in os.walk(src):
        for f in fs:
            if not f.endswith(".rs"):
                continue
            path = os.path.join(d, f)
            rel = os.path.relpath(path, root)
            lines = open(path, encoding="utf-8").read().split("\n")
            test_from = next((i for i, l in enumerate(lines) if l.startswith("#[cfg(test)]")), len(lines))
            is_lib = name != "paragraf" or not (rel.startswith("src/cmd") or rel == "src/main.rs")
            for i, l in enumerate(lines[:test_from]):
                if is_lib and string_error(l):
                    errors.append(f"{rel}:{i + 1}: Result<_, String> in a library crate")
                m = re.match(r"^(\s*)(pub(\([a-z]+\))? )?(const )?(unsafe )?fn (\w+)", l)
                if not m:
                    continue
                ind = m.group(1)
                end = next((j for j in range(i + 1, test_from) if lines[j] == ind + "}"), i)
                if end - i + 1 > LIMIT:
                    key = f"{rel}:{m.group(6)}"
                    if key in allowed:
                        seen_allowed.add(key)
                    else:
                        errors.append(f"{rel}:{i + 1}: fn {m.group(6)} has {end - i + 1} lines (over {LIMIT})")

for key in sorted(allowed - seen_allowed):
    errors.append(f".ci/long-functions-allow.txt: {key} is no longer over {LIMIT} lines: remove it")

if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)
print("ok: typst only under paragraf-pdf; no cycles between crates or modules; "
      "no lint rule imports another; "
      f"no Result<_, String> in library crates; no function over {LIMIT} lines"
      + (f" ({len(allowed)} allowed while their owners shorten them)" if allowed else ""))
