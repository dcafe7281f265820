"""TeX as readable plain text, for places that cannot typeset: page descriptions (search-engine snippets).

Covers the notation the answers use (Greek letters, operators, fractions, roots, accents, simple scripts);
anything else loses only its backslash and braces. The page itself is typeset by KaTeX (mathrender.py).
"""

from __future__ import annotations

import re
import unicodedata

# Command → character, one pair per entry.
_SYMBOL_TABLE = """
alpha α  beta β  gamma γ  delta δ  epsilon ϵ  varepsilon ε  zeta ζ  eta η  theta θ  vartheta ϑ  iota ι  kappa κ
lambda λ  mu μ  nu ν  xi ξ  pi π  rho ρ  sigma σ  tau τ  upsilon υ  phi ϕ  varphi φ  chi χ  psi ψ  omega ω
Gamma Γ  Delta Δ  Theta Θ  Lambda Λ  Xi Ξ  Pi Π  Sigma Σ  Phi Φ  Psi Ψ  Omega Ω
times ×  cdot ·  pm ±  le ≤  leq ≤  ge ≥  geq ≥  ne ≠  neq ≠  approx ≈  sim ~  propto ∝  ll ≪  gg ≫
in ∈  notin ∉  cap ∩  cup ∪  subset ⊂  subseteq ⊆  to →  rightarrow →  leftarrow ←  infty ∞  partial ∂
nabla ∇  sum Σ  prod Π  int ∫  top ᵀ  odot ⊙  otimes ⊗  mid |  | ‖  lVert ‖  rVert ‖  lvert |  rvert |
lfloor ⌊  rfloor ⌋  lceil ⌈  rceil ⌉  langle ⟨  rangle ⟩  dots …  ldots …  cdots ⋯  ell ℓ  forall ∀
exists ∃  neg ¬  land ∧  lor ∨  { {  } }  % %  _ _  & &  # #  $ $
"""
_PAIRS = _SYMBOL_TABLE.split()
_SYMBOLS = dict(zip(_PAIRS[::2], _PAIRS[1::2], strict=True))
# Spacing and sizing commands: a space or nothing.
_SYMBOLS |= {",": " ", ";": " ", ":": " ", "quad": " ", "qquad": " "}
_SYMBOLS |= dict.fromkeys(["!", "big", "Big", "bigg", "Bigg", "left", "right"], "")
_BLACKBOARD = {"E": "𝔼", "R": "ℝ", "N": "ℕ", "P": "ℙ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ"}
# Combining characters, placed after the accented letter.
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0304", "tilde": "\u0303"}
_FRACTIONS = {"frac", "tfrac", "dfrac"}
_TEXT = {"text", "mathrm", "operatorname", "mathbf", "mathit", "mathcal", "mathsf", "boldsymbol", "textbf"}
_SUPER = str.maketrans("0123456789+-=()niT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ")
_SUB = str.maketrans("0123456789+-=()aeijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def _group(tex: str, start: int) -> tuple[str, int]:
    """The argument at ``start`` (a braced group or one character, spaces skipped) and the index after it."""
    while start < len(tex) and tex[start] == " ":
        start += 1
    if start >= len(tex):
        return "", start
    if tex[start] != "{":
        command = _COMMAND.match(tex, start)
        if command:
            return command.group(0), command.end()
        return tex[start], start + 1
    depth = 0
    for index in range(start, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[index], 0)
        if depth == 0:
            return tex[start + 1 : index], index + 1
    return tex[start + 1 :], len(tex)


def _wrapped(text: str) -> str:
    return text if re.fullmatch(r"[\w.]+", text) else f"({text})"


def _script(text: str, table: dict[int, int], mark: str) -> str:
    """Unicode super- or subscript characters where every character has one, else ``^x`` / ``^(xy)``."""
    converted = text.translate(table)
    if text and all(ord(c) in table.values() for c in converted):
        return converted
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"


def tex_to_text(tex: str) -> str:
    """``\\lambda \\|w\\|_2^2`` → ``λ ‖w‖₂²``; ``\\tfrac{1-\\rho}{2}`` → ``(1-ρ)/2``."""
    out: list[str] = []
    index = 0
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            command = _COMMAND.match(tex, index)
            assert command is not None
            name, index = command.group(1), command.end()
            if name in _FRACTIONS:
                top, index = _group(tex, index)
                bottom, index = _group(tex, index)
                out.append(f"{_wrapped(tex_to_text(top))}/{_wrapped(tex_to_text(bottom))}")
            elif name == "sqrt":
                body, index = _group(tex, index)
                out.append(f"√{_wrapped(tex_to_text(body))}")
            elif name in _ACCENTS:
                body, index = _group(tex, index)
                out.append(tex_to_text(body) + _ACCENTS[name])
            elif name == "mathbb":
                body, index = _group(tex, index)
                out.append("".join(_BLACKBOARD.get(c, c) for c in body))
            elif name in _TEXT:
                body, index = _group(tex, index)
                out.append(tex_to_text(body))
            elif name in _SYMBOLS:
                out.append(_SYMBOLS[name])
            else:  # \log, \max, \exp ...: the name, as a word of its own
                out.append(f" {name}" if out and out[-1][-1:].isalnum() else name)
        elif char in "^_":
            body, index = _group(tex, index + 1)
            text = tex_to_text(body)
            out.append(_script(text, _SUPER, "^") if char == "^" else _script(text, _SUB, "_"))
        elif char in "{}":
            index += 1
        else:
            out.append(char)
            index += 1
    # NFC: an accent and its letter become one character where Unicode has one (ŷ), as search engines expect.
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", "".join(out)).strip())
