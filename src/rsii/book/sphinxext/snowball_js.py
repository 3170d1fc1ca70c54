"""The Snowball Arabic stemmer in JavaScript, translated from the Python that the pinned
``snowballstemmer`` package ships (itself generated from Snowball's ``arabic.sbl``), so
that the search page stems a query exactly as the index was stemmed.

Snowball's generated Python uses a small subset of the language: classes of methods,
assignments, ``if``/``while True``, ``for ... in range``, ``try: ... except labN: pass``
with ``raise labN()`` as a jump out of the block, and a few string operations. The
translation covers that subset and refuses anything else (:class:`Untranslatable`), so a
new version of the package that goes beyond it fails the build instead of stemming
differently. Each ``try``/``except labN`` becomes a labelled block and each
``raise labN()`` a ``break`` out of the innermost such block: the same jump.

Strings are indexed by UTF-16 code units in JavaScript and by code points in Python;
they agree on Arabic, which lies in the Basic Multilingual Plane.
"""

from __future__ import annotations

import ast
import functools
import inspect
import json

from snowballstemmer import among, arabic_stemmer, basestemmer

# Methods of BaseStemmer the Arabic stemmer never calls (and that use more Python).
SKIPPED = {"stemWords"}
OPERATORS = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.RShift: ">>",
    ast.Eq: "===",
    ast.NotEq: "!==",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "===",
    ast.IsNot: "!==",
    ast.And: "&&",
    ast.Or: "||",
}


class Untranslatable(Exception):
    """Python that the translation does not cover."""


def _fail(node: ast.AST) -> Untranslatable:
    return Untranslatable(f"line {getattr(node, 'lineno', '?')}: {ast.dump(node)[:200]}")


def _js_name(name: str) -> str:
    """Snowball's private routines (``__r_Checks1``) without Python's name mangling."""
    return "_" + name.lstrip("_") if name.startswith("__") else name


class _Function:
    """One method, translated statement by statement."""

    def __init__(self, fn: ast.FunctionDef):
        self.fn = fn
        self.locals: set[str] = set()
        self.labels: list[tuple[str, str]] = []  # (exception class, JS label), innermost last
        self.count = 0

    def translate(self) -> list[str]:
        args = [a.arg for a in self.fn.args.args[1:]]
        defaults = [self.expr(d) for d in self.fn.args.defaults]
        params = args[: len(args) - len(defaults)] + [
            f"{a} = {d}" for a, d in zip(args[len(args) - len(defaults) :], defaults, strict=True)
        ]
        body = self.block(self.fn.body, 2)
        name = "constructor" if self.fn.name == "__init__" else _js_name(self.fn.name)
        declared = sorted(self.locals - set(args))
        head = [f"    let {', '.join(declared)};"] if declared else []
        return [f"  {name}({', '.join(params)}) {{", *head, *body, "  }"]

    def block(self, stmts: list[ast.stmt], depth: int) -> list[str]:
        lines: list[str] = []
        for stmt in stmts:
            lines.extend(self.stmt(stmt, depth))
        return lines

    def stmt(self, node: ast.stmt, depth: int) -> list[str]:
        pad = "  " * depth
        match node:
            case ast.Expr(value=ast.Constant(value=str())) | ast.Pass() | ast.Assert():
                return []  # docstrings; the asserts hold by construction
            case ast.Expr(value=value):
                return [f"{pad}{self.expr(value)};"]
            case ast.Assign(targets=[target], value=value):
                if isinstance(target, ast.Name):
                    self.locals.add(target.id)
                return [f"{pad}{self.expr(target)} = {self.expr(value)};"]
            case ast.AugAssign(target=target, op=op, value=value):
                return [f"{pad}{self.expr(target)} {OPERATORS[type(op)]}= {self.expr(value)};"]
            case ast.Return(value=None):
                return [f"{pad}return;"]
            case ast.Return(value=value):
                return [f"{pad}return {self.expr(value)};"]
            case ast.Break():
                return [f"{pad}break;"]
            case ast.Continue():
                return [f"{pad}continue;"]
            case ast.If(test=test, body=body, orelse=orelse):
                lines = [f"{pad}if ({self.expr(test)}) {{", *self.block(body, depth + 1)]
                if orelse:
                    lines += [f"{pad}}} else {{", *self.block(orelse, depth + 1)]
                return [*lines, f"{pad}}}"]
            case ast.While(test=test, body=body, orelse=[]):
                return [
                    f"{pad}while ({self.expr(test)}) {{",
                    *self.block(body, depth + 1),
                    f"{pad}}}",
                ]
            case ast.For(target=ast.Name(id=var), iter=ast.Call(func=ast.Name(id="range")) as r):
                return self.for_range(var, r, node, depth)
            case ast.Try(handlers=[handler], orelse=[], finalbody=[]):
                return self.labelled(node, handler, depth)
            case ast.Raise(exc=ast.Call(func=ast.Name(id=exc), args=[])):
                for name, label in reversed(self.labels):
                    if name == exc:
                        return [f"{pad}break {label};"]
                raise _fail(node)
        raise _fail(node)

    def for_range(self, var: str, r: ast.Call, node: ast.For, depth: int) -> list[str]:
        if node.orelse or r.keywords:
            raise _fail(node)
        args = [self.expr(a) for a in r.args]
        if not 1 <= len(args) <= 3:
            raise _fail(node)
        start, stop = (["0"] + args)[-2:] if len(args) < 3 else args[:2]
        step = ast.literal_eval(r.args[2]) if len(args) == 3 else 1
        self.locals.add(var)
        test = f"{var} < {stop}" if step > 0 else f"{var} > {stop}"
        pad = "  " * depth
        # range() reads its bounds once: so does this loop (a constant or untouched bound).
        head = f"{pad}for ({var} = {start}; {test}; {var} += {step}) {{"
        return [head, *self.block(node.body, depth + 1), f"{pad}}}"]

    def labelled(self, node: ast.Try, handler: ast.ExceptHandler, depth: int) -> list[str]:
        if not (
            isinstance(handler.type, ast.Name)
            and handler.name is None
            and all(isinstance(s, ast.Pass) for s in handler.body)
        ):
            raise _fail(node)
        self.count += 1
        label = f"{handler.type.id}_{self.count}"
        self.labels.append((handler.type.id, label))
        pad = "  " * depth
        body = self.block(node.body, depth + 1)
        self.labels.pop()
        return [f"{pad}{label}: {{", *body, f"{pad}}}"]

    def expr(self, node: ast.expr) -> str:  # noqa: C901 (one case per kind of expression)
        match node:
            case ast.Constant(value=bool() as value):
                return "true" if value else "false"
            case ast.Constant(value=None):
                return "null"
            case ast.Constant(value=str() | int() as value):
                return json.dumps(value)
            case ast.Name(id="self"):
                return "this"
            case ast.Name(id=name):
                return name
            case ast.Attribute(value=value, attr=attr):
                return f"{self.expr(value)}.{_js_name(attr)}"
            case ast.Subscript(value=value, slice=ast.Slice(lower=lo, upper=hi, step=None)):
                bounds = [self.expr(lo) if lo else "0"] + ([self.expr(hi)] if hi else [])
                return f"{self.expr(value)}.slice({', '.join(bounds)})"
            case ast.Subscript(value=value, slice=index):
                return f"{self.expr(value)}[{self.expr(index)}]"
            case ast.UnaryOp(op=ast.Not(), operand=operand):
                return f"!({self.expr(operand)})"
            case ast.UnaryOp(op=ast.USub(), operand=operand):
                return f"-{self.expr(operand)}"
            case ast.BinOp(left=left, op=op, right=right) if type(op) in OPERATORS:
                return f"({self.expr(left)} {OPERATORS[type(op)]} {self.expr(right)})"
            case ast.BoolOp(op=op, values=values):
                return "(" + f" {OPERATORS[type(op)]} ".join(self.expr(v) for v in values) + ")"
            case ast.Compare(left=left, ops=[ast.In() | ast.NotIn() as op], comparators=[right]):
                test = f"{self.expr(right)}.includes({self.expr(left)})"
                return test if isinstance(op, ast.In) else f"!{test}"
            case ast.Compare(left=left, ops=[op], comparators=[right]) if type(op) in OPERATORS:
                return f"({self.expr(left)} {OPERATORS[type(op)]} {self.expr(right)})"
            case ast.Tuple(elts=elts) | ast.List(elts=elts):
                return "[" + ", ".join(self.expr(e) for e in elts) + "]"
            case ast.Call():
                return self.call(node)
        raise _fail(node)

    def call(self, node: ast.Call) -> str:
        if node.keywords:
            raise _fail(node)
        args = [self.expr(a) for a in node.args]
        match node.func:
            case ast.Name(id="len"):
                return f"{args[0]}.length"
            case ast.Name(id="ord"):
                return f"{args[0]}.charCodeAt(0)"
            case ast.Name(id="min"):
                return f"Math.min({', '.join(args)})"
            case ast.Name(id="Among"):
                return f"new Among({', '.join(args)})"
            case ast.Attribute(value=obj, attr="startswith" | "endswith" as method):
                text, start, end = self.expr(obj), args[1], args[2]
                js = "startsWith" if method == "startswith" else "endsWith"
                return f"{text}.slice({start}, {end}).{js}({args[0]})"
            case ast.Attribute(value=ast.Name(id="w"), attr="method"):
                # Among's routine is an unbound method called with the stemmer.
                if args[:1] != ["this"]:
                    raise _fail(node)
                return f"w.method.call({', '.join(args)})"
            case ast.Attribute() | ast.Name():
                return f"{self.expr(node.func)}({', '.join(args)})"
        raise _fail(node)


def _class(module, name: str, base: str | None) -> list[str]:
    tree = ast.parse(inspect.getsource(module))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name)
    lines = [f"class {name}{f' extends {base}' if base else ''} {{"]
    after: list[str] = []
    for node in cls.body:
        match node:
            case ast.FunctionDef(name=fn) if fn not in SKIPPED:
                lines += _Function(node).translate()
            case ast.Assign(targets=[ast.Name(id=attr)], value=value):
                after.append(f"{name}.{attr} = {_Function(node).expr(value)};")
            case ast.Expr(value=ast.Constant(value=str())) | ast.FunctionDef():
                pass
            case _:
                raise _fail(node)
    return [*lines, "}", *after]


@functools.cache
def arabic_stemmer_js() -> str:
    """``Among``, ``BaseStemmer`` and ``ArabicStemmer`` as JavaScript classes."""
    lines = [
        *_class(among, "Among", None),
        *_class(basestemmer, "BaseStemmer", None),
        *_class(arabic_stemmer, "ArabicStemmer", "BaseStemmer"),
    ]
    return "\n".join(lines) + "\n"
