// The mask canvas: a picture with a drawing layer on top. Brush (or erase) over the part to repaint;
// "Use this mask" sends a PNG at the picture's own size, white where painted, black elsewhere.
// Plain ES module for Streamlit's components v2 (no build step). State lives on the root element, so a
// rerun that hands the same picture keeps the strokes.

function setup(root, data) {
  const picture = root.querySelector(".mc-picture");
  const layer = root.querySelector(".mc-layer");
  const size = root.querySelector(".mc-size");
  const sizeOut = root.querySelector(".mc-size-out");
  const note = root.querySelector(".mc-note");
  const ctx = layer.getContext("2d");
  const state = { id: data.id, drawing: false, last: null, erase: false, painted: false, send: null };

  picture.src = data.image;
  picture.alt = data.alt || "the picture to edit";
  layer.width = data.width;
  layer.height = data.height;
  const stage = root.querySelector(".mc-stage");
  stage.style.aspectRatio = `${data.width} / ${data.height}`;
  // Tall pictures stay on screen: at most 65% of the window's height.
  stage.style.width = `min(100%, ${(65 * data.width) / data.height}vh)`;
  size.value = String(data.brush || 40);
  sizeOut.textContent = size.value;
  size.oninput = () => { sizeOut.textContent = size.value; };

  const modes = root.querySelectorAll(".mc-mode");
  modes.forEach((button) => {
    button.onclick = () => {
      state.erase = button.dataset.mode === "erase";
      modes.forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
    };
  });

  // Brush size is in screen pixels; the layer is at the picture's resolution.
  const scale = () => layer.width / layer.getBoundingClientRect().width;
  const point = (event) => {
    const rect = layer.getBoundingClientRect();
    return { x: (event.clientX - rect.left) * scale(), y: (event.clientY - rect.top) * scale() };
  };
  const stroke = (from, to) => {
    ctx.globalCompositeOperation = state.erase ? "destination-out" : "source-over";
    ctx.strokeStyle = "rgba(255, 40, 90, 1)";
    ctx.fillStyle = "rgba(255, 40, 90, 1)";
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.lineWidth = Number(size.value) * scale();
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    if (!state.erase) state.painted = true;
  };

  layer.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    layer.setPointerCapture(event.pointerId);
    state.drawing = true;
    state.last = point(event);
    stroke(state.last, state.last);
    note.textContent = "";
  });
  layer.addEventListener("pointermove", (event) => {
    if (!state.drawing) return;
    const next = point(event);
    stroke(state.last, next);
    state.last = next;
  });
  const end = () => { state.drawing = false; state.last = null; };
  layer.addEventListener("pointerup", end);
  layer.addEventListener("pointercancel", end);
  layer.addEventListener("pointerleave", () => { if (state.drawing) end(); });

  root.querySelector(".mc-clear").onclick = () => {
    ctx.clearRect(0, 0, layer.width, layer.height);
    state.painted = false;
    note.textContent = "Cleared.";
  };

  root.querySelector(".mc-use").onclick = () => {
    // White where painted (the stroke's coverage as grey at soft edges), black elsewhere.
    const out = document.createElement("canvas");
    out.width = layer.width;
    out.height = layer.height;
    const octx = out.getContext("2d");
    const white = document.createElement("canvas");
    white.width = layer.width;
    white.height = layer.height;
    const wctx = white.getContext("2d");
    wctx.drawImage(layer, 0, 0);
    wctx.globalCompositeOperation = "source-in";
    wctx.fillStyle = "#ffffff";
    wctx.fillRect(0, 0, white.width, white.height);
    octx.fillStyle = "#000000";
    octx.fillRect(0, 0, out.width, out.height);
    octx.drawImage(white, 0, 0);
    note.textContent = "Mask sent.";
    if (state.send) state.send("mask", out.toDataURL("image/png"));
  };
  root.__maskState = state;
  return state;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".mc-root");
  if (!root || !data || !data.image) return;
  let state = root.__maskState;
  if (!state || state.id !== data.id) state = setup(root, data);
  state.send = setTriggerValue; // the latest mount's sender
}
