// Search results are built from plain text, so their Arabic loses its markup: mark each
// Arabic run in the result snippets with lang="ar" dir="rtl", as the pages themselves do.
(function () {
  const RUN = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF](?:[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\s\d.,:;!?()\[\]«»"'\-–—+\/%]*[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF])?/g;

  function mark(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.parentElement.closest('[lang="ar"]') && RUN.test(node.nodeValue)) texts.push(node);
      RUN.lastIndex = 0;
    }
    for (const node of texts) {
      const frag = document.createDocumentFragment();
      let last = 0;
      for (const m of node.nodeValue.matchAll(RUN)) {
        frag.append(node.nodeValue.slice(last, m.index));
        const span = document.createElement("span");
        span.lang = "ar";
        span.dir = "rtl";
        span.textContent = m[0];
        frag.append(span);
        last = m.index + m[0].length;
      }
      frag.append(node.nodeValue.slice(last));
      node.replaceWith(frag);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    const results = document.getElementById("search-results");
    if (!results) return;
    new MutationObserver(function () { mark(results); }).observe(results, { childList: true, subtree: true });
  });
})();

// Wide tables (five columns or more) become stacked cards on a phone (rsii.css): each
// cell carries its column's name, which the card shows beside it.
document.addEventListener("DOMContentLoaded", function () {
  for (const table of document.querySelectorAll(".bd-article table")) {
    const heads = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
    if (heads.length < 5) continue;
    table.classList.add("rsii-cards");
    for (const row of table.querySelectorAll("tbody tr")) {
      Array.from(row.children).forEach((cell, i) => cell.setAttribute("data-label", heads[i] || ""));
    }
  }
});

// A chapter's figures open at full size: each figure's image links to the image itself
// (Sphinx links only images it scaled; the notebooks' figures are drawn at their size).
// The link's title is in the page's language (English, or the Arabic edition's).
document.addEventListener("DOMContentLoaded", function () {
  for (const img of document.querySelectorAll(".bd-article figure img")) {
    if (img.closest("a")) continue;
    const link = document.createElement("a");
    link.href = img.getAttribute("src");
    link.className = "rsii-full-size";
    link.title = document.documentElement.lang === "ar" ? "افتح الشكل بحجمه الكامل" : "Open the figure at full size";
    img.replaceWith(link);
    link.append(img);
  }
});
