#!/usr/bin/env python3
"""The workspace's dependency rules, checked from `cargo metadata`:

- the crates of the workspace and what each depends on (printed);
- typst is a dependency of paragraf-pdf only (of no other workspace crate,
  normal, dev or build);
- no cycle between the crates, and none between the top-level modules of a
  crate (a module's `crate::x` or `super::x` naming another module);
- no `Result<_, String>` in a library crate;
- no function over 150 lines outside tests.
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

# modules: src/<m>.rs or src/<m>/, edges by crate::<m> / super::<m> in their files
for name, p in members.items():
    src = os.path.join(os.path.dirname(p["manifest_path"]), "src")
    mods = {}
    for e in os.listdir(src):
        m = e[:-3] if e.endswith(".rs") else e
        if m in ("lib", "main"):
            continue
        path = os.path.join(src, e)
        files = [path] if e.endswith(".rs") else [
            os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs if f.endswith(".rs")]
        mods[m] = files
    g = {}
    for m, files in mods.items():
        text = "".join(open(f, encoding="utf-8").read().split("#[cfg(test)]")[0] for f in files)
        g[m] = sorted({x for x in re.findall(r"\bcrate::(\w+)", text) if x in mods and x != m})
    for c in cycles(g):
        errors.append(f"module cycle in {name}: " + " -> ".join(c))

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


# library crates: no Result<_, String>; no function over 150 lines outside tests
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
                if end - i + 1 > 150:
                    errors.append(f"{rel}:{i + 1}: fn {m.group(6)} has {end - i + 1} lines (over 150)")

if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)
print("ok: typst only under paragraf-pdf; no cycles between crates or modules; "
      "no Result<_, String> in library crates; no function over 150 lines")
