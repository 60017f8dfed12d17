"""jiuye (就业): the information system of grassroots public employment services."""
