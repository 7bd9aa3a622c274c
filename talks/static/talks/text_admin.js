// The helper's remark form: the passage selected in the speaker's text fills the « Passage »
// field, so it is copied exactly (the service refuses a passage not in the text). Without
// this script the helper pastes it by hand.
document.addEventListener("DOMContentLoaded", () => {
  const body = document.querySelector("[data-text-body]");
  const passage = document.querySelector("[data-text-passage]");
  if (!body || !passage) {
    return;
  }
  const copySelection = () => {
    const selection = window.getSelection();
    if (
      selection.isCollapsed ||
      !body.contains(selection.anchorNode) ||
      !body.contains(selection.focusNode)
    ) {
      return;
    }
    passage.value = selection.toString();
  };
  body.addEventListener("mouseup", copySelection);
  body.addEventListener("keyup", copySelection);
  body.addEventListener("touchend", copySelection);
});
