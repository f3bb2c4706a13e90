"""协商成果: outcomes with the leaders' 批示 and the departments' 落实情况."""
