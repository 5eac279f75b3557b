"""The checked data as immutable objects (`dataset`), built (`build`) and loaded once per
process (`load`, `store`); which English texts lag behind their Chinese (`translations`);
before/after arithmetic (`outcomes`)."""
