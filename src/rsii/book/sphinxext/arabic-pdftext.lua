-- arabic-pdftext.lua: make LuaLaTeX's Arabic (luaotfload HarfBuzz mode) extract as text,
-- whole words with spaces between them, in poppler (pdftotext, Evince, Okular), MuPDF and
-- pdfminer alike. No package does this for LuaLaTeX (pdfTeX has \pdfinterwordspaceon;
-- tagpdf's interwordspace needs \DocumentMetadata, which Sphinx's template cannot set).
-- Load before the Arabic fonts: \directlua{dofile("arabic-pdftext.lua")}. It relies on
-- luaotfload's HarfBuzz mode (tested with TeX Live 2022, LuaHBTeX 1.15); the PDF tests
-- measure what it is for.
-- 1. glyphs that the font's cmap shares between a letter and its presentation form copy
--    out as the letter (U+0627), not the presentation form (U+FE8D);
-- 2. every interword glue gets a real space character in front of it, the glue shrinking
--    by its width (LuaTeX writes no spaces; MuPDF and pdfminer then run right-to-left
--    words together);
-- 3. glyphs that HarfBuzz adds inside a cluster without a character of their own (Amiri's
--    rlig connector between lam and kaf, a second mark glyph) get the part of the
--    cluster's text that no other glyph carries, or JOINER, instead of U+FFFD.
local ARABIC = {{0x0600, 0x06FF}, {0x0750, 0x077F}, {0x08A0, 0x08FF}}
local function presentation(c)
  return (c >= 0xFB50 and c <= 0xFDFF) or (c >= 0xFE70 and c <= 0xFEFF)
end
local function base_letters(sh)            -- gid -> Arabic letter, from the font's cmap
  if not sh.arabic_base then
    local m = {}
    for _, r in ipairs(ARABIC) do
      for u = r[1], r[2] do
        local gid = sh.unicodes[u]
        if gid and not m[gid] then m[gid] = u end
      end
    end
    sh.arabic_base = m
  end
  return sh.arabic_base
end
-- 1. presentation forms
local function patch(tfmdata)
  local sh = type(tfmdata) == "table" and tfmdata.hb and tfmdata.hb.shared
  if not (sh and sh.unicodes) then return end
  local base = base_letters(sh)
  for uni, gid in pairs(sh.unicodes) do
    local ch = tfmdata.characters[uni]
    if ch and base[gid] and presentation(uni) then ch.tounicode = base[gid] end
  end
end
luatexbase.add_to_callback("luaotfload.patch_font", patch, "arabic-pdftext.tounicode")
luatexbase.add_to_callback("luaotfload.patch_font_unsafe", patch, "arabic-pdftext.tounicode")

local GLYPH, GLUE, KERN = node.id("glyph"), node.id("glue"), node.id("kern")
local HLIST, VLIST = node.id("hlist"), node.id("vlist")
local DIR, WHATSIT, PENALTY = node.id("dir"), node.id("whatsit"), node.id("penalty")
local props = node.direct.get_properties_table()
local todirect = node.direct.todirect
local fontdata = fonts.hashes.identifiers
local JOINER = "\u{200D}"

-- 2. real spaces
local hasspace = {}
local function space_ok(f)
  if hasspace[f] == nil then
    local fd = font.getfont(f)
    hasspace[f] = (fd and fd.characters and fd.characters[32]) and true or false
  end
  return hasspace[f]
end
local function edge_glyph(n, step, depth)
  while n do
    local id = n.id
    if id == GLYPH then return n
    elseif id == HLIST and depth < 3 then
      local inner = n.head
      if inner and step == "prev" then inner = node.tail(inner) end
      return edge_glyph(inner, step, depth + 1)
    elseif id == KERN or id == DIR or id == WHATSIT or id == PENALTY or id == GLUE then n = n[step]
    else return nil end
  end
end
local function add_space(head, n)
  local p, q = edge_glyph(n.prev, "prev", 0), edge_glyph(n.next, "next", 0)
  local g = p and q and ((space_ok(p.font) and p) or (space_ok(q.font) and q))
  if g then
    local s = node.new(GLYPH)
    s.char, s.font, s.attr = 32, g.font, n.attr
    head = node.insert_before(head, n, s)
    n.width = n.width - s.width
  end
  return head
end

-- 3. glyphs without a character of their own
local remainder = {}                       -- [pdf font id][gid] = text
local function info(n) local p = props[todirect(n)]; return p and p.glyph_info end
local function nominal(n, sh)
  if n.char < sh.gid_offset then return utf8.char(n.char) end
  local u = sh.nominals[n.char - sh.gid_offset]
  return u and utf8.char(u)
end
local function note_cluster(n, sh)
  local text, members, last, m = info(n), {n}, n, n.next
  while m and (m.id == KERN or (m.id == GLYPH and m.font == n.font and info(m) == "")) do
    if m.id == GLYPH then members[#members + 1] = m; last = m end
    m = m.next
  end
  if #members > 1 then
    local rest, orphans = text, {}
    for _, g in ipairs(members) do
      local u = nominal(g, sh)
      if u then
        local a, b = rest:find(u, 1, true)
        if a then rest = rest:sub(1, a - 1) .. rest:sub(b + 1) end
      else orphans[#orphans + 1] = g end
    end
    local f = pdf.getfontname(n.font)
    remainder[f] = remainder[f] or {}
    for i, g in ipairs(orphans) do
      local gid = g.char - sh.gid_offset
      if remainder[f][gid] == nil then
        local r = (i == 1) and rest or ""
        remainder[f][gid] = (r == "") and JOINER or r
      end
    end
  end
  return last
end

local function walk(head)
  local n = head
  while n do
    local id = n.id
    if (id == HLIST or id == VLIST) and n.head then
      n.head = walk(n.head)
    elseif id == GLUE and n.width > 0 and (n.subtype == 0 or n.subtype == 13 or n.subtype == 14) then
      head = add_space(head, n)
    elseif id == GLYPH and n.char ~= 32 then
      local fd = fontdata[n.font]
      local sh = fd and fd.hb and fd.hb.shared
      local text = sh and info(n)
      if text and text ~= "" then n = note_cluster(n, sh) end
    end
    n = n.next
  end
  return head
end
luatexbase.add_to_callback("pre_shipout_filter", function(box)
  if box.head then box.head = walk(box.head) end
  return true
end, "arabic-pdftext.shipout")

local function hex(s)
  local t = {}
  for _, c in utf8.codes(s) do
    if c >= 0x10000 then
      c = c - 0x10000
      t[#t + 1] = string.format("%04X%04X", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF))
    else t[#t + 1] = string.format("%04X", c) end
  end
  return table.concat(t)
end
luatexbase.add_to_callback("finish_pdffile", function()
  for fontid, fd in font.each() do
    local sh = fd.hb and fd.hb.shared
    if sh and fontid == pdf.getfontname(fontid) then
      local fix, rem = {}, remainder[fontid] or {}
      for code, ch in pairs(fd.characters) do
        if ch.tounicode == "FFFD" and code >= sh.gid_offset then
          ch.tounicode = hex(rem[code - sh.gid_offset] or JOINER)
          fix[code] = ch
        end
      end
      if next(fix) then font.addcharacters(fontid, {characters = fix}) end
    end
  end
end, "arabic-pdftext.tounicode-fffd")
