// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Filters: changing a select or checkbox applies the filter at once.
  for (const el of document.querySelectorAll("#filters .autosubmit")) {
    el.addEventListener("change", () => el.form.submit());
  }
  // Phones: the filters start folded (their summary opens them) unless some filter is set, so the
  // stories come first.
  const box = document.querySelector("details.filter-box");
  if (box && window.matchMedia("(max-width: 600px)").matches && !document.querySelector(".active-filters")) {
    box.removeAttribute("open");
  }
  // Reader: bring the linked claim into view and give it focus so it is announced and outlined.
  const focusTarget = () => {
    if (!location.hash.startsWith("#claim-")) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    }
  };
  window.addEventListener("hashchange", focusTarget);
  focusTarget();
});
