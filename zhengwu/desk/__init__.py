"""The staff desk (工作台): what every staff member of every system shares — login, logout, password change
and reset, the second factor, the django-axes handler, the staff stylesheet and form partials, and the desk
home that lists the desks a user may open. Below the programmes: it imports none of them."""
