// Starts Pagefind's search interface on the search page. The index of the page's language is
// chosen by Pagefind from <html lang>; baseUrl lets it find pages when the site is in a sub-path.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") {
    return;
  }
  new PagefindUI({
    element: "#search",
    baseUrl: box.getAttribute("data-base-url") || "/",
    showSubResults: true,
    showImages: false,
    resetStyles: false
  });
  // Pagefind labels its field with a title only; the page's own <label> names it for everyone,
  // tied to it only now that the field exists
  var input = box.querySelector("input");
  var label = document.getElementById("search-label");
  if (input) {
    input.id = "search-input";
    if (label) {
      label.htmlFor = input.id;
    }
    input.focus();
  }
}());
