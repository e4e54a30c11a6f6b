// Live preview: show the data errors of assets/preview-errors.js in a banner on every page.
// Every value is set as text (textContent), never as markup.
(function () {
  "use strict";
  var errors = window.previewErrors || [];
  // the errors of a code past the first 20 are not listed, as in the terminal: how many, and a sentence
  var left = window.previewErrorsLeft || [];
  if (!errors.length) return;
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  // `code` in a message or a hint (the terminal shows the backticks) as code; ``…`` holds a backtick
  var CODE_SPAN = /``\s?(.+?)\s?``|`([^`]+)`/g;
  function withCode(node, text) {
    var at = 0, found;
    CODE_SPAN.lastIndex = 0;
    while ((found = CODE_SPAN.exec(text)) !== null) {
      if (found.index > at) node.appendChild(document.createTextNode(text.slice(at, found.index)));
      node.appendChild(el("code", "", found[1] !== undefined ? found[1] : found[2]));
      at = CODE_SPAN.lastIndex;
    }
    if (at < text.length) node.appendChild(document.createTextNode(text.slice(at)));
    return node;
  }
  var box = el("section", "preview-errors");
  box.setAttribute("role", "alert");
  // a warning (提醒[todo] …) is counted as one, as `check` labels it; it also keeps the last good pages
  var warnings = errors.filter(function (e) { return e.severity === "warning"; }).length;
  var count = errors.length - warnings + left.reduce(function (sum, l) { return sum + l.count; }, 0);
  var said = warnings === 0 ? count + " 处错误" : count === 0 ? warnings + " 处提醒" : count + " 处错误、" + warnings + " 处提醒";
  box.appendChild(el("h2", "", "数据有 " + said + "：本页显示的是上次正确的数据"));
  var list = el("ol");
  errors.forEach(function (e) {
    var item = el("li");
    // the same line as the terminal's: path:line:col: 错误[code]: message
    if (e.path) item.appendChild(el("code", "preview-errors__where", e.path + ":" + e.line + ":" + e.col + ":"));
    item.appendChild(el("span", "preview-errors__code", (e.path ? " " : "") + e.label + ": "));
    item.appendChild(withCode(el("span"), e.message));
    if (e.hint) item.appendChild(withCode(el("div", "preview-errors__hint", "建议："), e.hint));
    list.appendChild(item);
  });
  box.appendChild(list);
  left.forEach(function (l) { box.appendChild(withCode(el("p", "preview-errors__left"), l.text)); });
  box.appendChild(el("p", "preview-errors__note", "改正并保存 YAML 文件后，本页会自动刷新。错误代码的含义见编辑指南。"));
  var host = document.querySelector(".md-content__inner") || document.body;
  host.insertBefore(box, host.firstChild);
  // The banner is at the top of the page; an editor looking at an entry further down (the preview
  // keeps the place on reload) sees this bar at the bottom of the window, and the tab says it too.
  var bar = el("div", "preview-errors-bar");
  bar.appendChild(el("span", "", "数据有 " + said + "，本页未更新"));
  var show = el("button", "preview-errors-bar__show", "查看");
  show.type = "button";
  show.addEventListener("click", function () {
    box.scrollIntoView({ block: "start" });
    box.setAttribute("tabindex", "-1");
    box.focus({ preventScroll: true });
  });
  bar.appendChild(show);
  document.body.appendChild(bar);
  document.title = "【数据有错】" + document.title;
})();
