// The case page's diagram: draws the model version the case runs on (bpmn-js NavigatedViewer) and marks the steps
// the case went through and where it stands now. Without JavaScript the page lists the same steps as text.
(function () {
  'use strict';
  var figure = document.getElementById('diagram');
  if (!figure || !window.BpmnJS) {
    return;
  }
  var ids = function (name) {
    var value = figure.getAttribute('data-' + name) || '';
    return value.split(' ').filter(function (id) { return id; });
  };
  var viewer = new window.BpmnJS({ container: figure.querySelector('.canvas') });
  var canvas = viewer.get('canvas');
  var zoomBy = function (factor) { canvas.zoom(canvas.zoom() * factor); };
  var buttons = {
    'zoom-in': function () { zoomBy(1.25); },
    'zoom-out': function () { zoomBy(0.8); },
    'zoom-fit': function () { canvas.zoom('fit-viewport', 'auto'); }
  };
  Object.keys(buttons).forEach(function (name) {
    var button = figure.querySelector('[data-action="' + name + '"]');
    if (button) {
      button.addEventListener('click', buttons[name]);
    }
  });
  fetch(figure.getAttribute('data-src'), { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('diagram: HTTP ' + response.status);
      }
      return response.text();
    })
    .then(function (xml) { return viewer.importXML(xml); })
    .then(function () {
      var registry = viewer.get('elementRegistry');
      // A subprocess the case went through would paint a whole region; its steps say enough.
      var mark = function (marker) {
        return function (id) {
          var element = registry.get(id);
          if (element && (marker === 'current' || element.type !== 'bpmn:SubProcess')) {
            canvas.addMarker(id, marker);
          }
        };
      };
      ids('passed').forEach(mark('passed'));
      var current = ids('current');
      current.forEach(mark('current'));
      canvas.zoom('fit-viewport', 'auto');
      // Centre on where the case stands: on a wide model "fit" alone makes it too small to read.
      var here = current.map(function (id) { return registry.get(id); }).filter(Boolean)[0];
      if (here) {
        canvas.zoom(Math.max(canvas.zoom(), 0.8));
        var box = canvas.viewbox();
        canvas.viewbox({ x: here.x + here.width / 2 - box.width / 2, y: here.y + here.height / 2 - box.height / 2,
          width: box.width, height: box.height });
      }
      figure.setAttribute('data-state', 'drawn');
    })
    .catch(function (error) {
      figure.setAttribute('data-state', 'failed');
      figure.querySelector('.canvas').textContent = figure.getAttribute('data-failed') + ' (' + error.message + ')';
    });
}());
