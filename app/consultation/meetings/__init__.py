"""协商会议: meetings with their list, attendance, speeches and the sign-in sheet read back."""
