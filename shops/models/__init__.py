from shops.choices import PaymentMethod, SpokenLanguage, Wheelchair
from shops.models.categories import Category, Family
from shops.models.pages import Offer, Product, ShopClosure, ShopPage, ShopPhoto
from shops.models.requests import QuoteRequest

__all__ = [
    "Category",
    "Family",
    "Offer",
    "PaymentMethod",
    "Product",
    "QuoteRequest",
    "ShopClosure",
    "ShopPage",
    "ShopPhoto",
    "SpokenLanguage",
    "Wheelchair",
]
