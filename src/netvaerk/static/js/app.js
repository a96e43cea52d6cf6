// Initialise the design system's components once the page has loaded (no inline scripts: CSP).
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
});
