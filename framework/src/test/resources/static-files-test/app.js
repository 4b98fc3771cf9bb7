document.title = "ü";
